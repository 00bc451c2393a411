import { describe, expect, it } from 'vitest';
import { parseDefinitionFile } from '../definitions/parse-definitions.js';
import { currentName, versionedName } from '../definitions/naming.js';
import { BUNDLED, bundledSpec, HEADER, OPTIONS, RELEASES } from './fixtures.test-util.js';
import { generateDefinitions } from './generate.js';
import { mergeSelections } from './selection.js';
import { targetsFromSpec } from './spec-targets.js';
import type { InitOptions } from './types.js';
import { targetsFromV2 } from './v2-targets.js';

const fromSpec = (name: string, opts: InitOptions = OPTIONS, all = false) =>
  generateDefinitions(targetsFromSpec(bundledSpec(name), RELEASES, all), opts, HEADER);

describe.each(BUNDLED)('init from the bundled spec %s', (specName) => {
  const spec = bundledSpec(specName);

  it.each([false, true])('covers every entry it writes (--all %s), mandatory and recommended ones always', (all) => {
    const result = fromSpec(specName, OPTIONS, all);
    for (const c of result.coverage) expect(c.problems, c.requirement.name).toEqual([]);
    const covered = new Set(result.coverage.filter((c) => c.covered).map((c) => c.requirement.name));
    for (const e of spec.entries.filter((e) => all || e.status !== 'optional')) expect(covered, e.name).toContain(e.name);
    expect(result.uncovered.every((u) => u.requirement.status === 'optional')).toBe(true);
  });

  it.each([false, true])('every name of every version matches its entry, every url lies under its prefixes (--all %s)', (all) => {
    const result = fromSpec(specName, { ...OPTIONS, capiVersions: ['v1.35.5', 'v1.34', 'v1.36.0'] }, all);
    for (const file of result.files) {
      const { images } = parseDefinitionFile(file.text, file.fileName);
      for (const def of images) {
        const entry = spec.entries.find((e) => e.name === def.name);
        expect(entry, def.name).toBeDefined();
        for (const v of def.versions) {
          const names = [currentName(def, v), versionedName(def, v)];
          if (entry?.matcher) for (const n of names) expect(entry.matcher.matches(n), n).toBe(true);
          else expect(currentName(def, v)).toBe(entry?.name);
          expect(
            entry?.sources.some((p) => v.url.startsWith(p)),
            v.url,
          ).toBe(true);
        }
      }
    }
  });

  it('writes text the validator reads without errors or warnings', () => {
    for (const file of fromSpec(specName, OPTIONS, true).files) {
      expect(parseDefinitionFile(file.text, file.fileName).warnings).toEqual([]);
    }
  });
});

describe('what the definitions say', () => {
  const result = fromSpec('scs-0104-v1-images-v5');
  const parsed = (family: string) => parseDefinitionFile(result.files.find((f) => f.family === family)!.text, `${family}.yml`).images;

  it('one file per family', () => {
    expect(result.files.map((f) => f.fileName)).toEqual(['ubuntu.yml', 'debian.yml', 'capi.yml']);
  });

  it('distro images: multi under the exact name, full SCS-0102 metadata, end of support as provided_until', () => {
    const [ubuntu] = parsed('ubuntu');
    expect(ubuntu).toMatchObject({ name: 'Ubuntu 24.04', multi: true, login: 'ubuntu', visibility: 'public', format: 'qcow2' });
    expect(ubuntu?.meta).toEqual({
      architecture: 'x86_64',
      hw_disk_bus: 'scsi',
      hw_scsi_model: 'virtio-scsi',
      hw_rng_model: 'virtio',
      hypervisor_type: 'qemu',
      os_distro: 'ubuntu',
      os_version: '24.04',
      os_purpose: 'generic',
      image_description: 'Ubuntu 24.04',
      replace_frequency: 'quarterly',
      uuid_validity: 'last-3',
      provided_until: '2029-05-31',
    });
    expect(ubuntu?.versions).toMatchObject([
      { version: '20261128', buildDate: '2026-11-28', url: 'https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img' },
    ]);
    expect(ubuntu?.latestChecksumUrl).toBe('https://cloud-images.ubuntu.com/releases/noble/release/SHA256SUMS');
    const [debian] = parsed('debian');
    expect(debian?.versions[0]?.url).toBe('https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2');
    expect(debian).toMatchObject({ login: 'debian', meta: { os_distro: 'debian', os_version: '12', provided_until: '2028-06-30' } });
  });

  it('CAPI: multi false, dash separator, k8snode, the OSISM description and bucket', () => {
    const [capi] = parsed('capi');
    expect(capi).toMatchObject({ name: 'ubuntu-capi-image', multi: false, separator: '-' });
    expect(capi?.meta).toMatchObject({ os_purpose: 'k8snode', image_description: 'https://github.com/osism/k8s-capi-images', provided_until: 'none' });
    expect(capi && versionedName(capi, 'v1.35.5')).toBe('ubuntu-capi-image-v1.35.5');
    expect(capi?.versions[0]?.url).toBe(
      'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.35/ubuntu-2404-kube-v1.35.5.qcow2',
    );
  });

  it('the older spec\'s space scheme gets separator " "', () => {
    const old = fromSpec('scs-0104-v1-images');
    const capi = parseDefinitionFile(old.files.find((f) => f.family === 'capi')!.text, 'capi.yml').images[0];
    expect(capi?.separator).toBe(' ');
    expect(capi && versionedName(capi, 'v1.35.5')).toBe('ubuntu-capi-image v1.35.5');
  });

  it('comments explain the choices', () => {
    const capi = result.files.find((f) => f.family === 'capi')!.text;
    expect(capi).toMatch(/# ubuntu-capi-image satisfies:\n\s+#\s+- scs-0104-v1-images-v5: 'ubuntu-capi-image' \(name_scheme/);
    expect(capi).toMatch(/# false: every version is its own image named 'ubuntu-capi-image-v1\.35\.5'/);
    expect(capi).toMatch(/# '-' between name and version/);
    expect(result.files[0]?.text).toMatch(/# true: the newest version carries the bare name 'Ubuntu 24\.04'/);
  });
});

describe('options', () => {
  it('--base-url: mirror_url on the local host, url (so image_source) stays upstream', () => {
    const r = fromSpec('scs-0104-v1-images-v5', {
      ...OPTIONS,
      baseUrls: { ubuntu: 'http://127.0.0.1:8080/u/', debian: 'http://127.0.0.1:8080/d', capi: 'http://127.0.0.1:9/c' },
    });
    const versions = r.files.flatMap((f) => parseDefinitionFile(f.text, f.fileName).images.flatMap((d) => d.versions));
    expect(versions.map((v) => v.mirrorUrl)).toEqual([
      'http://127.0.0.1:8080/u/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img',
      'http://127.0.0.1:8080/d/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
      'http://127.0.0.1:9/c/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.35/ubuntu-2404-kube-v1.35.5.qcow2',
    ]);
    expect(versions.every((v) => v.url.startsWith('https://'))).toBe(true);
    expect(r.coverage.every((c) => c.covered)).toBe(true);
  });

  it('--version-date: Ubuntu points at the dated build directory', () => {
    const r = fromSpec('scs-0104-v1-images-v5', { ...OPTIONS, versionDate: '2026-01-08', datedBuild: true });
    const [ubuntu] = parseDefinitionFile(r.files[0]!.text, 'ubuntu.yml').images;
    expect(ubuntu?.versions[0]).toMatchObject({
      version: '20260108',
      buildDate: '2026-01-08',
      url: 'https://cloud-images.ubuntu.com/releases/noble/release-20260108/ubuntu-24.04-server-cloudimg-amd64.img',
    });
  });

  it('picks the template the prefixes allow', () => {
    const spec = bundledSpec('scs-0104-v1-images-v5');
    const entry = spec.entries[0]!;
    const only = { ...spec, entries: [{ ...entry, sources: ['https://cloud-images.ubuntu.com/noble/'] }] };
    const r = generateDefinitions(targetsFromSpec(only, RELEASES, false), OPTIONS, HEADER);
    expect(parseDefinitionFile(r.files[0]!.text, 'u.yml').images[0]?.versions[0]?.url).toBe(
      'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
    );
    const none = { ...spec, entries: [{ ...entry, sources: ['https://mirror.example.org/'] }] };
    const r2 = generateDefinitions(targetsFromSpec(none, RELEASES, false), OPTIONS, HEADER);
    expect(r2.files).toEqual([]);
    expect(r2.uncovered[0]?.reason).toMatch(/no ubuntu download URL lies under the allowed prefixes \(https:\/\/mirror\.example\.org\/\)/);
  });

  it('v1 and v2 together: one definition per image; a scheme clash is reported, not hidden', () => {
    const sel = mergeSelections([targetsFromSpec(bundledSpec('scs-0104-v1-images'), RELEASES, false), targetsFromV2(RELEASES, '2026-11-28', false)]);
    const r = generateDefinitions(sel, OPTIONS, HEADER);
    const bad = r.coverage.filter((c) => !c.covered);
    // the old spec wants 'ubuntu-capi-image v…' (space), the draft 'ubuntu-capi-image-v…' (dash): one separator only
    expect(bad.map((c) => [c.requirement.origin, c.requirement.matcher?.source])).toEqual([
      ['scs-0104-v1-images', 'ubuntu-capi-image v[0-9]\\.[0-9]+(\\.[0-9]+)?'],
    ]);
    expect(r.coverage.filter((c) => c.covered)).toHaveLength(r.coverage.length - 1);
  });
});
