import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { cleanupMachines, cloud, machine } from '../testing/config-machine.js';
import { listClouds, loadCloudConfig } from './clouds.js';
import type { ConfigFileReader } from './files.js';

afterEach(cleanupMachines);

describe('regions', () => {
  const yaml = `${cloud('a')}    regions:\n      - R1\n      - name: R2\n        values:\n          image_endpoint_override: http://r2:9292\n          auth:\n            project_name: p2\n`;

  it('uses the first region by default, OS_REGION_NAME, or the requested one with its values', async () => {
    const m = machine({ 'cwd/clouds.yaml': yaml });
    expect(await loadCloudConfig(m)).toMatchObject({ regionName: 'R1', regions: ['R1', 'R2'] });
    expect(await loadCloudConfig({ ...m, env: { OS_REGION_NAME: 'R2' } })).toMatchObject({ regionName: 'R2', imageEndpointOverride: 'http://r2:9292' });
    const r2 = await loadCloudConfig({ ...m, region: 'R2' });
    expect(r2.auth).toMatchObject({ username: 'u-a', project_name: 'p2' });
  });

  it('rejects an unknown region (case-sensitive)', async () => {
    const m = machine({ 'cwd/clouds.yaml': yaml });
    await expect(loadCloudConfig({ ...m, region: 'r1' })).rejects.toThrow(/region "r1" is not a region of cloud "a"; valid choices: R1, R2/);
  });

  it('accepts region_name, and a comma list with a warning', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a', '    region_name: X,Y\n') });
    const c = await loadCloudConfig(m);
    expect(c).toMatchObject({ regionName: 'X', regions: ['X', 'Y'] });
    expect(c.warnings.join()).toMatch(/comma-separated region_name is deprecated/);
  });

  it('without regions any requested region is passed through', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a') });
    expect((await loadCloudConfig({ ...m, region: 'Anything' })).regionName).toBe('Anything');
    expect((await loadCloudConfig(m)).regionName).toBeUndefined();
  });
});

describe('normalisation', () => {
  it('maps old spellings, moves auth keys, copies domain_id, parses booleans, expands {region_name}', async () => {
    const yaml = [
      'clouds:',
      '  old:',
      '    auth_plugin: v3password',
      '    endpoint_type: internalURL',
      '    image-endpoint-type: admin',
      '    insecure: "True"',
      '    api_timeout: 45',
      '    domain_id: default',
      '    username: top-user',
      '    region_name: R9',
      '    auth:',
      '      auth-url: https://keystone.{region_name}.example/v3',
      '      tenant-name: legacy',
      '      username: auth-user',
      '      password: pw',
    ].join('\n');
    const c = await loadCloudConfig(machine({ 'cwd/clouds.yaml': yaml }));
    expect(c.authType).toBe('v3password');
    expect(c.interface).toBe('internalURL');
    expect(c.imageInterface).toBe('admin');
    expect(c.verify).toBe(false);
    expect(c.apiTimeoutSeconds).toBe(45);
    expect(c.auth).toEqual({
      auth_url: 'https://keystone.R9.example/v3',
      project_name: 'legacy',
      username: 'auth-user',
      password: 'pw',
      user_domain_id: 'default',
      project_domain_id: 'default',
    });
  });

  it('keeps domain_name as domain scope when not project-scoped', async () => {
    const c = await loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '    domain_name: Dom\n') }));
    expect(c.auth['domain_name']).toBe('Dom');
    expect(c.auth['user_domain_name']).toBeUndefined();
  });

  it('a top-level project_id beats auth.tenant_id', async () => {
    const c = await loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '      tenant_id: t1\n    project_id: p1\n') }));
    expect(c.auth['project_id']).toBe('p1');
  });

  it('keeps numbers as written (ids are never mangled)', async () => {
    const c = await loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '      project_id: 1234e5\n      user_domain_id: 0123\n') }));
    expect(c.auth['project_id']).toBe('1234e5');
    expect(c.auth['user_domain_id']).toBe('0123');
  });

  it('verify/cacert/cert/key and defaults', async () => {
    const c = await loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '    verify: false\n    cacert: /ca.pem\n    cert: /c.pem\n    key: /k.pem\n') }));
    expect(c).toMatchObject({ verify: false, cacert: '/ca.pem', cert: '/c.pem', key: '/k.pem', interface: 'public', authType: 'password' });
    const d = await loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '    verify: /bundle.pem\n') }));
    expect(d).toMatchObject({ verify: true, cacert: '/bundle.pem' });
  });

  it('applies a profile from clouds-public.yaml under the cloud entry', async () => {
    const m = machine({
      'cwd/clouds.yaml': 'clouds:\n  mine:\n    profile: vendor\n    auth:\n      username: me\n',
      'etc/clouds-public.yaml':
        'public-clouds:\n  vendor:\n    auth:\n      auth_url: https://vendor/identity\n      username: nobody\n    regions: [V1, V2]\n    image_api_version: "2"\n',
    });
    const c = await loadCloudConfig(m);
    expect(c.auth).toMatchObject({ auth_url: 'https://vendor/identity', username: 'me' });
    expect(c.regions).toEqual(['V1', 'V2']);
    expect(c.source.publicFile).toBe('/etc/openstack/clouds-public.yaml');
    const unknown = await loadCloudConfig(machine({ 'cwd/clouds.yaml': 'clouds:\n  mine:\n    profile: nope\n' }));
    expect(unknown.warnings.join()).toMatch(/vendor profile "nope" not found/);
  });
});

describe('broken files', () => {
  it('malformed YAML names file and line, without echoing the line', async () => {
    const m = machine({ 'cwd/clouds.yaml': 'clouds:\n  a:\n    auth:\n      password: "s3cr3t-value\n      username: x\n  b: [\n' });
    const err = (await listClouds(m).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.file).toBe(join(m.root, 'cwd/clouds.yaml'));
    expect(err.line).toBeGreaterThan(0);
    expect(err.message).toMatch(new RegExp(`^${join(m.root, 'cwd/clouds.yaml')}:\\d+: invalid YAML at line \\d+, column \\d+`));
    expect(err.message).not.toContain('s3cr3t');
  });

  it('a non-mapping document is an error; an empty file is "no clouds"', async () => {
    await expect(listClouds(machine({ 'cwd/clouds.yaml': '- a\n- b\n' }))).rejects.toThrow(/not a mapping/);
    const empty = machine({ 'cwd/clouds.yaml': '', 'home/.config/openstack/clouds.yaml': cloud('later') });
    expect(await listClouds(empty)).toEqual([]);
  });

  it('an unreadable file is skipped with a warning', async () => {
    const m = machine({ 'home/.config/openstack/clouds.yaml': cloud('b') });
    const fs: ConfigFileReader = {
      readFile: (p) =>
        p.startsWith(m.cwd) && p.endsWith('clouds.yaml') ? Promise.reject(Object.assign(new Error('no'), { code: 'EACCES' })) : m.fs.readFile(p),
    };
    const c = await loadCloudConfig({ ...m, fs });
    expect(c.name).toBe('b');
    expect(c.warnings.join()).toMatch(/skipping .*clouds.yaml: EACCES/);
  });

  it('bad region entries and api_timeout name the key', async () => {
    await expect(loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '    regions: [{nam: x}]\n') }))).rejects.toThrow(/\(key: regions\)/);
    await expect(loadCloudConfig(machine({ 'cwd/clouds.yaml': cloud('a', '    api_timeout: soon\n') }))).rejects.toThrow(/key: clouds.a.api_timeout/);
  });
});
