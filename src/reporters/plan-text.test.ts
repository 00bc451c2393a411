import { describe, expect, it } from 'vitest';
import { cloudImage, definition, NOW, PROJECT, syncedImage, TAG } from '../core/plan/fixtures.test-util.js';
import { planImages } from '../core/plan/plan-images.js';
import { planSummary, renderPlanText } from './plan-text.js';

const old = syncedImage(definition('Ubuntu 24.04', ['1']), '1');
const drifted = cloudImage('Cirros 0.6.3', { properties: { internal_version: '0.6.3', os_version: '0.6.3' } });
const plan = planImages({
  definitions: [definition('Ubuntu 24.04', ['1', '2']), definition('Cirros', ['0.6.3'], { multi: false })],
  images: [old, drifted, cloudImage('Evil\u001b[31m', { properties: { uuid_validity: 'none' } })],
  now: NOW,
  ownerProjectId: PROJECT,
  cloud: { name: 'prod', region: 'RegionOne' },
  tag: TAG,
  policy: { prune: true, delete: true },
});

describe('renderPlanText', () => {
  const text = renderPlanText(plan, { color: false });

  it('shows each change with its glyph, reason and before → after', () => {
    expect(text).toMatch(/^Plan for cloud prod \(RegionOne\), project p-own, tag managed_by_osism: 3 managed image\(s\)/);
    expect(text).toMatch(/^\+ create {5}Ubuntu 24\.04 \(version 2\)$/m);
    expect(text).toContain('as "Ubuntu 24.04 (2)" (private), then "Ubuntu 24.04" public');
    expect(text).toMatch(/^h hide {7}Ubuntu 24\.04 \(version 1\) \[img-\d+\]$/m);
    expect(text).toContain('name: "Ubuntu 24.04" → "Ubuntu 24.04 (1)"');
    expect(text).toContain('os_purpose: "generic" → "oldgeneric"');
    expect(text).toMatch(/^~ update {5}Cirros 0\.6\.3/m);
    expect(text).toContain('+ image_source: "https://cloud-images.example.org/img/0.6.3/disk.qcow2"');
    expect(text).toMatch(/^- delete {5}Evil\\x1b\[31m/m); // no terminal escapes from the cloud
    expect(text).toMatch(/Plan: 1 to create, 1 to update, 1 to hide, 1 to delete\.\n$/);
  });

  it('colours only when asked', () => {
    expect(text).not.toContain('\x1b[');
    expect(renderPlanText(plan, { color: true })).toContain('\x1b[32m+ create');
  });

  it('summarises an empty plan', () => {
    expect(planSummary({ changes: [] })).toBe('no changes');
  });
});
