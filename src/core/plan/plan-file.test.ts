import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { cloudImage, definition, NOW, PROJECT, TAG } from './fixtures.test-util.js';
import { readPlan, readPlans, serializePlan, serializePlans } from './plan-file.js';
import { planImages } from './plan-images.js';

const plan = planImages({
  definitions: [definition('Ubuntu 24.04', ['1', '2'])],
  images: [cloudImage('Ubuntu 24.04', { properties: { internal_version: '0' } })],
  now: NOW,
  ownerProjectId: PROJECT,
  cloud: { name: 'c', region: 'RegionOne' },
  tag: TAG,
  policy: { delete: true },
});

describe('plan files', () => {
  it('a fleet file holds one plan per cloud; one plan stays a plain plan file', () => {
    const other = { ...plan, cloud: { ...plan.cloud, name: 'd' } };
    expect(readPlans(serializePlans([plan, other]), 'f.json')).toEqual([plan, other]);
    expect(serializePlans([plan])).toBe(serializePlan(plan));
    expect(readPlans(serializePlan(plan), 'p.json')).toEqual([plan]);
    expect(() => readPlans(JSON.stringify({ formatVersion: '1.0', fleet: [] }), 'f.json')).toThrow(/fleet must be a non-empty list/);
    expect(() => readPlans(JSON.stringify({ formatVersion: '1.0', fleet: [{ ...plan, changes: 1 }] }), 'f.json')).toThrow(/f\.json \(fleet\[0\]\)/);
  });

  it('round-trips through JSON', () => {
    expect(plan.changes.length).toBeGreaterThan(2);
    expect(readPlan(serializePlan(plan), 'p.json')).toEqual(plan);
  });

  it.each([
    ['{', /not a plan file/],
    ['{}', /formatVersion is missing/],
    [JSON.stringify({ ...plan, formatVersion: '2.0' }), /expected 1\.x, received 2\.0/],
    [JSON.stringify({ ...plan, changes: [{ ...plan.changes[0], action: 'explode' }] }), /not a valid plan/],
    [JSON.stringify({ ...plan, changes: [plan.changes[0], plan.changes[0]] }), /duplicate change key/],
    [JSON.stringify({ ...plan, policy: undefined }), /policy/],
  ])('rejects %#', (text, message) => {
    expect(() => readPlan(text, 'p.json')).toThrow(InputError);
    expect(() => readPlan(text, 'p.json')).toThrow(message);
  });

  it('accepts a newer minor version and ignores unknown fields', () => {
    const newer = { ...plan, formatVersion: '1.7', futureField: true };
    expect(readPlan(JSON.stringify(newer), 'p.json').changes).toEqual(plan.changes);
  });
});
