// Bad invocations and bad input: a clear message naming the place, exit 2, no stack trace, and no
// cloud call (these runs have no cloud at all). Spec loading from files, bundled names and URLs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import { runCli } from '../harness/run-cli.js';

let dir: string;
let server: http.Server;
let base: string;
const GOOD_SPEC = 'images:\n- name: "Ubuntu 24.04"\n  source: https://cloud-images.ubuntu.com/noble/\n  status: mandatory\n';
const IMAGES = JSON.stringify({
  images: [{ id: 'i1', name: 'Ubuntu 24.04', visibility: 'public', status: 'active', tags: [], image_source: 'https://cloud-images.ubuntu.com/noble/x' }],
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const run = await runCli(args, { env, cwd: dir });
  expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at .*:\d+:\d+/);
  return run;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-cli-'));
  server = http.createServer((req, res) => {
    if (req.url === '/spec.yaml') res.end(GOOD_SPEC);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('bad specs: exit 2 with file, line and column', () => {
  it.each([
    ['not YAML', 'images:\n  - name: "x\n', /bad\.yaml:\d+:\d+: invalid YAML/],
    ['no images list', 'imagez: []\n', /bad\.yaml:1:1.*'images'/],
    ['unknown status', 'images:\n- name: A\n  source: x\n  status: required\n', /bad\.yaml:4:11 \(images\[0\]\.status\).*mandatory, recommended, optional/],
    ['wrong type', 'images:\n- name: [A]\n  source: x\n', /bad\.yaml:2:\d+ \(images\[0\]\.name\)/],
    ['regex that does not compile', 'images:\n- name: A\n  name_scheme: "a[b"\n  source: x\n', /bad\.yaml:3:\d+ \(images\[0\]\.name_scheme\)/],
  ])('%s', async (_what, content, message) => {
    const spec = await file('bad.yaml', content);
    const imgs = await file('imgs.json', IMAGES);
    const run = await cli(['check', '--spec', spec, '--images-file', imgs]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('a missing spec file names the bundled specs', async () => {
    const run = await cli(['check', '--spec', 'nope.yaml', '--images-file', await file('i.json', IMAGES)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.yaml: no such file (bundled specs: scs-0104-v1-images, scs-0104-v1-images-v5)');
  });

  it('a spec that is not UTF-8', async () => {
    const run = await cli(['check', '--spec', await file('latin1.yaml', Buffer.from([0x69, 0x6d, 0xe4, 0x0a])), '--images-file', await file('i.json', IMAGES)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not valid UTF-8');
  });
});

describe('specs by name and URL', () => {
  it('a bundled name, a local file and an http URL all work', async () => {
    const imgs = await file('i.json', IMAGES);
    for (const spec of ['scs-0104-v1-images-v5', await file('good.yaml', GOOD_SPEC), `${base}/spec.yaml`]) {
      const run = await cli(['check', '--spec', spec, '--images-file', imgs, '--format', 'json']);
      const report = JSON.parse(run.stdout) as CheckReport;
      expect(report.modules[0]!.source, spec).toBe(spec);
      expect(report.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-image-ubuntu-2404')!.verdict).toBe('PASS');
    }
  });

  it('a URL that answers 404 is bad input (exit 2)', async () => {
    const run = await cli(['check', '--spec', `${base}/missing.yaml`, '--images-file', await file('i.json', IMAGES)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HTTP 404');
  });

  it('without --spec, the newest stable SCS-compatible IaaS version runs, with its image spec', async () => {
    const run = await cli(['check', '--images-file', await file('i.json', IMAGES), '--format', 'json', '--now', '2026-11-28']);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.scope).toMatchObject({ name: 'SCS-compatible IaaS', version: 'v5.1' });
    expect(report.modules.map((m) => [m.id, m.source])).toEqual([
      ['scs-0102-v1', 'built-in'],
      ['scs-0104-v1-2', 'scs-0104-v1-images-v5'],
      // the draft next, which the official runner checks beside v5.1: its two extra testcases
      ['scs-0102-v2', 'built-in'],
    ]);
  });
});

describe('bad images files', () => {
  it('invalid JSON names line and column', async () => {
    const run = await cli(['check', '--images-file', await file('broken.json', '{"images": [\n  {"id": "a",}\n]}')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json:2:\d+: not valid JSON/);
  });

  it('an unrecognised shape', async () => {
    const run = await cli(['check', '--images-file', await file('odd.json', '[{"foo": 1}]')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unrecognised image list');
  });

  it('a missing file', async () => {
    const run = await cli(['check', '--images-file', path.join(dir, 'absent.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('absent.json: no such file');
  });
});

describe('bad invocations: exit 2', () => {
  it.each([
    [['check', '--visibility', 'public,secret'], /--visibility: unknown value\(s\) secret/],
    [['check', '--format', 'pdf'], /Allowed choices are text, json, junit, yaml/],
    [['check', '--now', 'yesterday'], /--now: 'yesterday' is not an ISO 8601/],
    [['check', '--timeout', '-1'], /--timeout/],
    [['check', '--images-file', 'x.json', '--cloud', 'c'], /--images-file excludes --cloud/],
    [['frobnicate'], /unknown command/],
    [['check', '--no-such-flag'], /unknown option/],
  ])('%j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('--help and --version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('check --help says what the default run checks, and ends with examples and the exit codes', async () => {
    const help = await cli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('against the SCS-compatible IaaS scope (scs-0102 and scs-0104)');
    expect(help.stdout).toMatch(/Examples:\n {2}# .+\n {2}scs-images check --cloud mycloud\n/);
    expect(help.stdout.trimEnd()).toMatch(
      /Exit codes:\n {2}0 {2}compliant\n {2}1 {2}not compliant\n {2}2 {2}bad input or usage\n {2}3 {2}no verdict .*\)\n {2}4 {2}inconclusive: .*$/,
    );
  });
});

describe('clouds.yaml problems', () => {
  it('a malformed clouds.yaml names file and line but never quotes it (it may hold a password)', async () => {
    const clouds = await file('clouds.yaml', 'clouds:\n  c:\n    auth:\n      password: "s3cr3t-value\n      username: u\n');
    const run = await cli(['check', '--cloud', 'c'], { OS_CLIENT_CONFIG_FILE: clouds });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('clouds.yaml');
    expect(run.stderr).toMatch(/line \d+|:\d+/);
    expect(run.stderr).not.toContain('s3cr3t-value');
  });

  it('no cloud configured at all', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'scs-empty-'));
    const run = await runCli(['check'], { env: { HOME: empty }, cwd: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No cloud is configured/);
  });
});

describe('output', () => {
  it('--output writes the report and prints a one-line summary; the text report has no colours without a TTY', async () => {
    const imgs = await file('i.json', IMAGES);
    const out = path.join(dir, 'report.xml');
    const run = await cli(['check', '--images-file', imgs, '--spec', await file('good.yaml', GOOD_SPEC), '--format', 'junit', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/COMPLIANT \(2 passed, 0 failed, 0 aborted, 0 warnings\); report written to .*report\.xml/);
    const text = await cli(['check', '--images-file', imgs, '--spec', await file('good.yaml', GOOD_SPEC)]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('COMPLIANT');
    expect(text.stdout).not.toContain('\u001b[');
  });

  it('-o that cannot be written is a usage error before any input is read or cloud asked', async () => {
    for (const [out, why] of [
      ['/nonexistent-dir/r.html', 'the directory /nonexistent-dir does not exist'],
      [dir, 'is a directory'],
    ] as const) {
      // --cloud names a cloud that does not exist: reaching the cloud step would be another error
      const run = await cli(['check', '--cloud', 'no-such-cloud', '-o', out], { OS_CLIENT_CONFIG_FILE: path.join(dir, 'missing.yaml') });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`scs-images: error: -o ${out}: ${why}\n`);
    }
  });

  it('a reader that closes the pipe early (| head) ends the run quietly with its own exit code', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `i${i}`, name: `img ${i}`, visibility: 'public', status: 'active', tags: [] }));
    const imgs = await file('many.json', JSON.stringify({ images: many }));
    const args = ['check', '--images-file', imgs, '--spec', await file('good.yaml', GOOD_SPEC), '--format', 'json', '--now', '2026-09-01T00:00:00Z'];
    const whole = await cli(args);
    expect(whole.code).toBe(1); // Ubuntu 24.04 is missing
    const { spawn } = await import('node:child_process');
    const bin = new URL('../../bin/scs-images', import.meta.url).pathname;
    const cut = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.once('data', () => child.stdout.destroy()); // `| head -c 10`
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(cut.stderr).toBe('');
    expect(cut.code).toBe(whole.code);
  });
});

describe('the clock and the age of the bundled standards data', () => {
  const run = async (args: string[]) => {
    const images = await file('clock-images.json', IMAGES);
    const r = await cli(['check', '--images-file', images, '--format', 'json', ...args]);
    return { ...r, report: JSON.parse(r.stdout) as CheckReport };
  };

  it('names the day of the bundled copies; no warning within 90 days of it', async () => {
    const r = await run(['--now', '2026-09-01T00:00:00Z']);
    expect(r.report.scope).toMatchObject({ source: 'scs-compatible-iaas', date: '2026-08-21' });
    expect(r.report.modules.find((m) => m.source === 'scs-0104-v1-images-v5')?.date).toBe('2026-08-21');
    expect(r.report.warnings).toEqual([]);
    expect(r.stderr).not.toContain('newer scope version');
  });

  it('warns, without changing the verdict, when --now is far past the copy; the upstream file is named', async () => {
    const early = await run(['--now', '2026-09-01T00:00:00Z']);
    const late = await run(['--now', '2027-06-01T00:00:00Z']);
    expect(late.stderr).toMatch(
      /warning: the bundled SCS-compatible IaaS scope file is a copy of 2026-08-21 \(077174d9\), 284 days before 2027-06-01: a newer scope version may be in force; check against the upstream file with --scope https:\/\/raw\.githubusercontent\.com\//,
    );
    expect(late.report.warnings).toHaveLength(1);
    expect(late.code).toBe(early.code);
    expect(late.report.subjects[0]!.testcases.map((t) => t.verdict)).toEqual(early.report.subjects[0]!.testcases.map((t) => t.verdict));
  });

  it('a scope file of your own carries no bundled date and no such warning', async () => {
    const { readFile } = await import('node:fs/promises');
    const own = await file('own-scope.yaml', await readFile(new URL('../../data/standards/scs-compatible-iaas.yaml', import.meta.url), 'utf8'));
    const r = await run(['--scope', own, '--now', '2027-06-01T00:00:00Z']);
    expect(r.report.scope?.date).toBeUndefined();
    expect(r.report.warnings).toEqual([]);
  });

  it('--now that is not a time is bad input, for every command that takes it', async () => {
    for (const args of [
      ['check', '--images-file', 'x.json'],
      ['init', '--dry-run'],
      ['update', '--images', dir],
      ['validate', '--images', dir, '--spec', 'scs-0104-v1-images-v5'],
    ]) {
      const r = await cli([...args, '--now', 'yesterday']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain("--now: 'yesterday' is not an ISO 8601 date or time");
    }
  });
});

describe('notes that only OIM cares about', () => {
  it("init's AlmaLinux definitions (os_distro: almalinux) load without a warning; validate still says OIM's --check would reject them", async () => {
    const defs = path.join(dir, 'alma');
    expect((await cli(['init', '--distro', 'almalinux-10', '--out', defs, '--now', '2026-12-04'])).code).toBe(0);
    const list = await cli(['list', '--images', defs]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('AlmaLinux 10');
    expect(list.stderr).toBe('');
    const validate = await cli(['validate', '--images', defs, '--now', '2026-12-04']);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/almalinux\.yml:\d+:\d+ \(images\[0\]\.meta\.os_distro\): 'almalinux' is not in OIM's list .*OIM --check would reject it/);
    expect(validate.stdout).toContain('valid, 1 warning(s)');
  });
});
