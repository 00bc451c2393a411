import { imageRef, type Image } from '../../images/image.js';
import type { Finding, Requirement } from '../result.js';
import { advisoryMessage, type Reading } from './advisories.js';

/**
 * What a rule saw, before it becomes a Finding:
 * - `violation`: the official test fails the testcase because of it;
 * - `warning`: the official test logs a warning, the testcase still passes;
 * - `note`: context (a valid replacement was found, a comparison was skipped);
 * - `advisory`: another reading of the rule (see advisories.ts); never changes the verdict;
 * - `crash`: the official test raises on this input, so it ABORTs the testcase (see
 *   ../official-aborts.ts: ABORT by default, FAIL with the strict reading).
 */
export type Observation =
  | { kind: 'violation'; message: string; image?: Image; property?: string; value?: unknown; expected?: string[] }
  | { kind: 'warning' | 'note'; message: string; image?: Image; value?: unknown }
  | { kind: 'advisory'; reading: Reading; message: string; image?: Image; value?: unknown }
  | { kind: 'crash'; problem: string; why: string; image?: Image; property?: string; value?: unknown; expected?: string[] };

export const violation = (o: Omit<Extract<Observation, { kind: 'violation' }>, 'kind'>): Observation => ({ kind: 'violation', ...o });
export const crash = (o: Omit<Extract<Observation, { kind: 'crash' }>, 'kind'>): Observation => ({ kind: 'crash', ...o });
export const warning = (message: string, image?: Image, value?: unknown): Observation => ({ kind: 'warning', message, image, value });
export const note = (message: string, image?: Image, value?: unknown): Observation => ({ kind: 'note', message, image, value });
export const advisory = (reading: Reading, message: string, image?: Image, value?: unknown): Observation => ({
  kind: 'advisory',
  reading,
  message,
  image,
  value,
});

/** `Image 'Ubuntu 24.04' (6f1c…)`: how every message names an image. */
export function label(image: Image): string {
  return `Image '${image.name}' (${image.id})`;
}

/** A value for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Violations are errors in mandatory testcases and warnings in recommended ones (as scs-0104's
 * presence testcases do). Only violations carry `property`: the text and JUnit reports show a
 * finding with image and property as `name (id)  property: value` plus the accepted values, and
 * every other finding by its message.
 */
export function toFinding(o: Exclude<Observation, { kind: 'crash' }>, requirement: Requirement): Finding {
  const finding: Finding = {
    level: o.kind === 'violation' ? (requirement === 'mandatory' ? 'error' : 'warning') : o.kind === 'warning' ? 'warning' : 'info',
    message: o.kind === 'advisory' ? advisoryMessage(o.reading, o.message) : o.message,
  };
  if (o.image) finding.image = imageRef(o.image);
  if (o.kind === 'violation' && o.property !== undefined) finding.property = o.property;
  if (o.value !== undefined) finding.value = o.value;
  if (o.kind === 'violation' && o.expected !== undefined) finding.expected = o.expected;
  return finding;
}
