import { describe, expect, it } from 'vitest';
import { parseDefinitionFile } from '../definitions/parse-definitions.js';
import { compileNameScheme } from '../spec/python-regex.js';
import { chooseSeparator } from './capi-draft.js';
import { coverageOf } from './coverage.js';
import type { Requirement } from './types.js';

const DASH = compileNameScheme('ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?');
const SPACE = compileNameScheme('ubuntu-capi-image v[0-9]\\.[0-9]+(\\.[0-9]+)?');
const req = (over: Partial<Requirement> = {}): Requirement => ({
  origin: 't',
  why: '',
  status: 'recommended',
  name: 'Ubuntu 24.04',
  sources: ['https://cloud-images.ubuntu.com/noble/'],
  ...over,
});

function defs(extra: string, url = 'https://cloud-images.ubuntu.com/noble/current/x.img', name = 'Ubuntu 24.04', multi = true) {
  const text = [
    'images:',
    `- name: ${name}`,
    '  enable: true',
    '  format: qcow2',
    '  login: ubuntu',
    '  min_disk: 8',
    '  min_ram: 512',
    '  status: active',
    '  visibility: public',
    `  multi: ${multi}`,
    "  separator: '-'",
    '  tags: []',
    '  meta: {architecture: x86_64, hw_disk_bus: scsi, hypervisor_type: qemu, os_distro: ubuntu, os_purpose: generic,',
    '         replace_frequency: quarterly, uuid_validity: last-3, provided_until: none}',
    '  versions:',
    `  - {version: 'v1.30.1', url: '${url}', build_date: 2026-01-01${extra}}`,
  ].join('\n');
  return parseDefinitionFile(text, 'x.yml').images;
}

describe('coverageOf', () => {
  it('covered: the right name, public, under a prefix', () => {
    expect(coverageOf(req(), defs(''))).toMatchObject({ covered: true, coveredBy: ['Ubuntu 24.04'] });
  });

  it('a url outside the prefixes is named', () => {
    const c = coverageOf(req(), defs('', 'https://example.org/x.img'));
    expect(c.covered).toBe(false);
    expect(c.problems[0]).toMatch(/'Ubuntu 24\.04' would get image_source https:\/\/example\.org\/x\.img/);
  });

  it('a hidden or private version does not count for presence', () => {
    expect(coverageOf(req(), defs(', hidden: true')).covered).toBe(false);
    expect(coverageOf(req(), defs(', visibility: private')).problems).toEqual(['no public image of the definitions carries this name']);
  });

  it('a versioned source overrides url', () => {
    expect(coverageOf(req(), defs(", source: 'https://example.org/'")).covered).toBe(false);
  });

  it('classes: by the name_scheme, for non-multi names', () => {
    const capi = defs('', 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/a.qcow2', 'ubuntu-capi-image', false);
    const sources = ['https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/'];
    expect(coverageOf(req({ name: 'ubuntu-capi-image', matcher: DASH, sources }), capi)).toMatchObject({
      covered: true,
      coveredBy: ['ubuntu-capi-image-v1.30.1'],
    });
    expect(coverageOf(req({ name: 'ubuntu-capi-image', matcher: SPACE, sources }), capi).covered).toBe(false);
  });
});

describe('chooseSeparator', () => {
  const r = (matcher: typeof DASH, status: Requirement['status'] = 'recommended') => req({ name: 'ubuntu-capi-image', matcher, status });

  it('the separator the scheme needs', () => {
    expect(chooseSeparator('ubuntu-capi-image', ['v1.35.5'], [r(DASH)])).toBe('-');
    expect(chooseSeparator('ubuntu-capi-image', ['v1.35.5'], [r(SPACE)])).toBe(' ');
  });

  it('every version must match; the more important requirement wins a clash', () => {
    expect(chooseSeparator('ubuntu-capi-image', ['v1.35.5', '1.36'], [r(DASH)])).toBeUndefined();
    expect(chooseSeparator('ubuntu-capi-image', ['v1.35.5'], [r(DASH, 'optional'), r(SPACE, 'mandatory')])).toBe(' ');
    expect(chooseSeparator('ubuntu-capi-image', ['v1.35.5'], [r(DASH), r(SPACE)])).toBe('-');
  });
});
