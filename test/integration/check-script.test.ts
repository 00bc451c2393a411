// `check --script` against the real local Keystone + Glance: scs-images as the official runner's
// test script. stdout is exactly one `<id>: VERDICT` line per requested id, in the order asked (the
// runner reads verdicts from stdout only; any other line would be dropped or, worse, parsed);
// stderr is `LEVEL: message` lines only; credentials and clouds the official pre-flight refuses
// ABORT every id with CRITICAL lines and exit 1.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../harness/run-cli.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
const NOBLE = 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img';
const LOG_LINE = /^(DEBUG|INFO|WARNING|ERROR|CRITICAL): \S/;

const script = (args: string[]) => runCli(['check', '--script', ...args], { env });
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

beforeAll(async () => {
  await deleteAllImages(cloud);
  // present and from the right source, but without the scs-0102 properties (architecture among them)
  await createImage(cloud, 'admin', { name: 'Ubuntu 24.04', visibility: 'public', properties: { image_source: NOBLE } });
}, 120_000);

describe('check --script: the official runner invokes scs-images as its test script', () => {
  it('prints one verdict line per requested id, in the order given, and nothing else on stdout (exit 0, FAILs included)', async () => {
    const ids = ['scs-0104-source-ubuntu-2404', 'scs-0102-prop-architecture', 'scs-0104-image-ubuntu-2404', 'scs-0102-prop-os_purpose'];
    const r = await script(['--cloud', 'local-demo', ...ids]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'scs-0104-source-ubuntu-2404: PASS',
      'scs-0102-prop-architecture: FAIL',
      'scs-0104-image-ubuntu-2404: PASS',
      // a testcase only the draft version (next) includes is run too, as the runner asks for it
      expect.stringMatching(/^scs-0102-prop-os_purpose: (PASS|FAIL)$/),
    ]);
    expect(lines(r.stderr).every((l) => LOG_LINE.test(l))).toBe(true);
    // one aggregated ERROR line for the failing scs-0102 testcase, naming the image
    expect(lines(r.stderr).filter((l) => l.startsWith('ERROR:') && l.includes('architecture'))).toEqual([
      'ERROR: property architecture not correct for image(s): Ubuntu 24.04',
    ]);
  });

  it('an scs-* id it does not know is ABORT with an ERROR line; any other word only a WARNING', async () => {
    const r = await script(['--cloud', 'local-demo', 'not-a-testcase', 'scs-0104-image-ubuntu-2404', 'scs-9999-made-up']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(['scs-0104-image-ubuntu-2404: PASS', 'scs-9999-made-up: ABORT']);
    expect(r.stderr).toContain('WARNING: ignoring unknown testcases: not-a-testcase\n');
    expect(lines(r.stderr).filter((l) => l.startsWith('ERROR:') && l.includes('scs-9999-made-up'))).toHaveLength(1);
  });

  it('without ids: one line for every image testcase of the scope version in force', async () => {
    const r = await script(['--cloud', 'local-demo']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.length).toBeGreaterThanOrEqual(23);
    expect(out.every((l) => /^scs-010[24]-[\w.-]+: (PASS|FAIL|ABORT)$/.test(l))).toBe(true);
  });

  it('admin credentials: every id ABORT, CRITICAL lines that say why, exit 1 (the official pre-flight)', async () => {
    const ids = ['scs-0102-prop-architecture', 'scs-0104-image-ubuntu-2404'];
    const r = await script(['--cloud', 'local-admin', ...ids]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(ids.map((id) => `${id}: ABORT`));
    expect(r.stderr).toMatch(/^CRITICAL: .*admin role.*member role only/m);
    expect(lines(r.stderr).every((l) => LOG_LINE.test(l))).toBe(true);
  });

  it('a cloud clouds.yaml does not know: every id ABORT with CRITICAL lines, exit 1', async () => {
    const ids = ['scs-0102-prop-architecture', 'scs-0104-image-ubuntu-2404'];
    const r = await script(['--cloud', 'no-such-cloud', ...ids]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(ids.map((id) => `${id}: ABORT`));
    expect(r.stderr).toMatch(/^CRITICAL: .*no-such-cloud/m);
    expect(r.stderr).toContain('CRITICAL: Pre-flight checks failed. Reporting all testcases as ABORT.\n');
  });

  it('refuses what would corrupt the contract: another format, a file, several clouds (exit 2)', async () => {
    for (const extra of [
      ['-f', 'json'],
      ['-o', '/tmp/x'],
      ['--cloud', 'local-admin'],
    ]) {
      const r = await script(['--cloud', 'local-demo', ...extra, 'scs-0104-image-ubuntu-2404']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
