/**
 * Reading `meta` (Glance properties) of an image or a version: each known key against its
 * schema (definition-schema.ts, from meta-rules.ts), unknown keys by the custom-property policy,
 * and the required keys, which version meta may supply instead of the image meta.
 */
import type { PathSegment } from '../yaml/positions.js';
import { readCustomProperty } from './custom-properties.js';
import { META_VALUE_SCHEMAS } from './definition-schema.js';
import { clip } from './describe-value.js';
import type { Findings } from './findings.js';
import { isMapping, resolveMergeKeys, type Mapping } from './merge-keys.js';
import { META_RULES } from './meta-rules.js';
import type { Meta, MetaValue } from './types.js';
import { Written } from './written-value.js';

export interface MetaRead {
  /** The properties, undefined if any is invalid. */
  meta: Meta | undefined;
  /** Every key written, null-valued ones included (they count as given for required keys). */
  keys: Set<string>;
}

export function readMeta(findings: Findings, path: readonly PathSegment[], raw: Mapping, level: 'image' | 'version'): MetaRead {
  const obj = resolveMergeKeys(findings, path, raw);
  const meta: Meta = {};
  let valid = true;
  for (const [key, v] of Object.entries(obj)) {
    const p = [...path, key];
    const rule = META_RULES[key];
    if (v === null || v === undefined) {
      if (rule && rule.kind.type === 'enum' && rule.kind.nullable) {
        findings.warn(p, `no value (allowed by OIM's schema): the property '${key}' will not be set`, 'key');
      } else if (rule && rule.requirement === 'required') {
        findings.error(p, 'has no value', 'key');
        valid = false;
      } else {
        findings.warn(p, `no value: the property '${clip(key, 40)}' will not be set`, 'key');
      }
      continue;
    }
    const w = new Written(findings.y, p, v);
    const value = rule ? readKnownProperty(findings, p, key, w) : readCustomProperty(findings, p, key, w, level === 'image' ? obj : undefined);
    if (value === undefined) valid = false;
    else meta[key] = value;
  }
  return { meta: valid ? meta : undefined, keys: new Set(Object.keys(obj)) };
}

function readKnownProperty(findings: Findings, p: readonly PathSegment[], key: string, w: Written): MetaValue | undefined {
  const value = findings.parse(p, META_VALUE_SCHEMAS[key]!, w);
  const kind = META_RULES[key]?.kind;
  if (typeof value === 'string' && kind?.type === 'enum' && !kind.values.includes(value)) {
    // a soft list (meta-rules.ts): accepted, but OIM --check would not
    const note = `'${clip(value, 40)}' is not in OIM's list for ${key} (${kind.values.join(', ')}); ${kind.softNote ?? 'accepted'}`;
    if (kind.softOnlyForOim) findings.compat(p, note);
    else findings.warn(p, note);
  }
  return value;
}

/**
 * Required meta keys must be in the image meta, or in every version's meta (version meta is
 * merged over image meta, so it need not repeat them). Recommended keys only warn.
 */
export function checkRequiredMeta(findings: Findings, path: readonly PathSegment[], keys: ReadonlySet<string>, rawVersions: unknown): void {
  // read from the raw versions, so a version with some other problem still counts
  const versionMetas = Array.isArray(rawVersions) ? rawVersions.map((v) => (isMapping(v) && isMapping(v['meta']) ? v['meta'] : undefined)) : [];
  for (const [key, rule] of Object.entries(META_RULES)) {
    if (rule.requirement === 'optional') continue;
    const given = keys.has(key);
    const inEveryVersion = versionMetas.length > 0 && versionMetas.every((m) => m !== undefined && key in m);
    if (given || inEveryVersion || findings.isMissingCovered([...path, key])) continue;
    if (rule.requirement === 'required') findings.error([...path, key], 'required key is missing');
    else findings.warn([...path, key], `'${key}' is missing (${rule.missingNote ?? 'recommended'})`);
  }
}
