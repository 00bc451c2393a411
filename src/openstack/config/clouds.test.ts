import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { cleanupMachines, cloud, machine } from '../testing/config-machine.js';
import { listClouds, loadCloudConfig } from './clouds.js';

afterEach(cleanupMachines);

describe('search path and file precedence', () => {
  it('cwd wins over ~/.config/openstack and /etc/openstack', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a'), 'home/.config/openstack/clouds.yaml': cloud('b'), 'etc/clouds.yaml': cloud('c') });
    expect(await listClouds(m)).toEqual(['a']);
    expect((await loadCloudConfig(m)).source.cloudsFile).toBe(join(m.root, 'cwd/clouds.yaml'));
  });

  it('falls back through XDG_CONFIG_HOME, ~/.config and /etc', async () => {
    const m = machine({ 'xdg/openstack/clouds.yaml': cloud('x'), 'home/.config/openstack/clouds.yaml': cloud('b') }, { XDG_CONFIG_HOME: '$ROOT/xdg' });
    expect(await listClouds(m)).toEqual(['x']);
    expect(await listClouds({ ...m, env: {} })).toEqual(['b']);
    const e = machine({ 'etc/clouds.yml': cloud('e') });
    expect(await listClouds(e)).toEqual(['e']);
  });

  it('tries .yaml, .yml, .json in each directory', async () => {
    const m = machine({ 'cwd/clouds.yml': cloud('yml'), 'cwd/clouds.json': JSON.stringify({ clouds: { json: {} } }) });
    expect(await listClouds(m)).toEqual(['yml']);
    const j = machine({ 'cwd/clouds.json': JSON.stringify({ clouds: { json: { auth: { auth_url: 'http://k' } } } }) });
    expect((await loadCloudConfig(j)).auth['auth_url']).toBe('http://k');
  });

  it('OS_CLIENT_CONFIG_FILE is inserted in front, not instead', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a'), 'other/my.yaml': cloud('mine') }, { OS_CLIENT_CONFIG_FILE: '$ROOT/other/my.yaml' });
    expect(await listClouds(m)).toEqual(['mine']);
    const missing = machine({ 'cwd/clouds.yaml': cloud('a') }, { OS_CLIENT_CONFIG_FILE: '$ROOT/nope.yaml' });
    expect(await listClouds(missing)).toEqual(['a']);
  });

  it('secure.yaml is searched on its own and deep-merged, winning', async () => {
    const m = machine({
      'cwd/clouds.yaml': cloud('a', '    region_name: R1\n    regions: [R1, R2]\n'),
      'home/.config/openstack/secure.yaml': 'clouds:\n  a:\n    auth:\n      password: from-secure\n      username: override\n    regions: [R2]\n',
    });
    const c = await loadCloudConfig(m);
    expect(c.auth).toMatchObject({ auth_url: 'http://k:5000/v3', username: 'override', password: 'from-secure' });
    expect(c.regions).toEqual(['R2']);
    expect(c.source.secureFile).toBe(join(m.root, 'home/.config/openstack/secure.yaml'));
  });

  it('OS_CLIENT_SECURE_FILE goes in front of the secure list', async () => {
    const m = machine(
      { 'cwd/clouds.yaml': cloud('a'), 'cwd/secure.yaml': 'clouds: {a: {auth: {password: cwd}}}', 's.yaml': 'clouds: {a: {auth: {password: env}}}' },
      { OS_CLIENT_SECURE_FILE: '$ROOT/s.yaml' },
    );
    expect((await loadCloudConfig(m)).auth['password']).toBe('env');
  });

  it('secure.yaml alone is enough (test_only_secure_yaml)', async () => {
    const m = machine({ 'cwd/secure.yaml': cloud('s') });
    expect(await listClouds(m)).toEqual(['s']);
  });
});

describe('choosing the cloud', () => {
  const two = `${cloud('a')}  b:\n    auth:\n      auth_url: http://b:5000\n`;

  it('explicit name > OS_CLOUD > envvars > the only cloud', async () => {
    const m = machine({ 'cwd/clouds.yaml': two }, { OS_CLOUD: 'b', OS_AUTH_URL: 'http://env:5000' });
    expect((await loadCloudConfig({ ...m, cloud: 'a' })).name).toBe('a');
    expect((await loadCloudConfig(m)).name).toBe('b');
    expect((await loadCloudConfig({ ...m, env: { OS_AUTH_URL: 'http://env:5000' } })).name).toBe('envvars');
    const one = machine({ 'cwd/clouds.yaml': cloud('only') });
    expect((await loadCloudConfig(one)).name).toBe('only');
  });

  it('several clouds and no selection is an error', async () => {
    const m = machine({ 'cwd/clouds.yaml': two });
    await expect(loadCloudConfig(m)).rejects.toThrow(/Several clouds are defined and none is selected.*Defined clouds: a, b/);
  });

  it('a missing cloud names the clouds and the files searched', async () => {
    const m = machine({ 'cwd/clouds.yaml': two });
    const err = (await loadCloudConfig({ ...m, cloud: 'zzz' }).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('Cloud "zzz" was not found. Defined clouds: a, b;');
    expect(err.message).toContain(`clouds file used: ${join(m.root, 'cwd/clouds.yaml')}`);
    expect(err.message).toContain(join(m.home, '.config/openstack/clouds.json'));
    expect(err.message).toContain('/etc/openstack/clouds.yml');
    const viaEnv = await loadCloudConfig({ ...m, env: { OS_CLOUD: 'nope' } }).catch((e: unknown) => e);
    expect(String(viaEnv)).toMatch(/Cloud "nope" \(from OS_CLOUD\) was not found/);
  });

  it('no configuration at all is an error', async () => {
    await expect(loadCloudConfig(machine({}))).rejects.toThrow(/No cloud is configured.*no clouds.yaml found/);
  });
});

describe('the envvars cloud', () => {
  const env = {
    OS_AUTH_URL: 'http://k:5000/v3',
    OS_USERNAME: 'demo',
    OS_PASSWORD: 'pw-env-123',
    OS_PROJECT_NAME: 'demo',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_ID: 'default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'internal',
    OS_IMAGE_ENDPOINT_OVERRIDE: 'http://g:9292',
    OS_TEST_TIMEOUT: '60',
    OS_STDOUT_CAPTURE: '1',
  };

  it('is built from OS_* with auth keys under auth', async () => {
    const c = await loadCloudConfig(machine({}, env));
    expect(c.name).toBe('envvars');
    expect(c.source.fromEnv).toBe(true);
    expect(c.auth).toEqual({
      auth_url: 'http://k:5000/v3',
      username: 'demo',
      password: 'pw-env-123',
      project_name: 'demo',
      user_domain_name: 'Default',
      project_domain_id: 'default',
    });
    expect(c).toMatchObject({ regionName: 'RegionOne', regions: ['RegionOne'], interface: 'internal', imageEndpointOverride: 'http://g:9292' });
    expect(c.extra).not.toHaveProperty('test_timeout');
    expect(c.extra).not.toHaveProperty('stdout_capture');
  });

  it('is renamed by OS_CLOUD_NAME and listed after file clouds', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a') }, { ...env, OS_CLOUD_NAME: 'fromenv' });
    expect(await listClouds(m)).toEqual(['a', 'fromenv']);
    expect((await loadCloudConfig(m)).name).toBe('fromenv');
  });

  it('is not created by selectors alone', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a') }, { OS_CLOUD: 'a', OS_REGION_NAME: '', OS_CLIENT_CONFIG_FILE: '$ROOT/x' });
    expect(await listClouds(m)).toEqual(['a']);
  });

  it('does not merge into a file cloud', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('a') }, { OS_CLOUD: 'a', OS_PASSWORD: 'env-only' });
    expect((await loadCloudConfig(m)).auth['password']).toBeUndefined();
  });

  it('a file cloud with the environment cloud name is an error', async () => {
    const m = machine({ 'cwd/clouds.yaml': cloud('envvars') });
    await expect(listClouds(m)).rejects.toThrow(/named "envvars"/);
  });
});
