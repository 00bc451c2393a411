// What a broken or hostile Glance can do to `check`, bounded: a misbehaving image service on
// 127.0.0.1 (test/harness/hostile-glance.ts) behind the real local Keystone (image_endpoint_override).
// Each run must end with exit 3, every testcase ABORT (never a verdict from a partial listing), a
// message naming what was refused, no stack trace, and nothing a terminal acts on in stderr.
// Deterministic: no sleeps; the endless listing runs under small injected limits (SCS_IMAGES_LIMITS).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CheckReport } from '../../src/core/check/report.js';
import { startHostileGlance, TERMINAL_ATTACK, type HostileGlance } from '../harness/hostile-glance.js';
import { runCli, type CliRun } from '../harness/run-cli.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
let dir: string;
let glance: HostileGlance;
let elsewhere: HostileGlance;
let yaml: string;
const outputs: string[] = [];

/** Anything but a newline below U+0020, DEL, C1, or a bidi override: what must never reach a terminal. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-hostile-glance-'));
  glance = await startHostileGlance();
  elsewhere = await startHostileGlance({ kind: 'invalid-json' });
  const demo = cloud.users.demo;
  yaml = path.join(dir, 'clouds.yaml');
  await writeFile(
    yaml,
    stringify({
      clouds: {
        hostile: {
          auth: {
            auth_url: cloud.authUrl,
            username: demo.name,
            password: demo.password,
            project_name: demo.projectName,
            user_domain_name: 'Default',
            project_domain_name: 'Default',
          },
          region_name: cloud.region,
          image_endpoint_override: glance.url,
        },
      },
    }),
  );
});

afterAll(async () => {
  await glance?.close();
  await elsewhere?.close();
  // the token the hostile Glance was sent (and echoed) never reaches any output
  const all = outputs.join('\n');
  expect(all.includes(cloud.users.demo.password)).toBe(false);
  expect(all.includes(await cloud.tokenFor('demo'))).toBe(false);
});

async function check(args: string[] = [], env: Record<string, string> = {}, nodeArgs?: string[]): Promise<CliRun & { report: CheckReport; ms: number }> {
  glance.reset();
  const started = performance.now();
  const run = await runCli(['check', '--cloud', 'hostile', '--spec', 'scs-0104-v1-images-v5', '--format', 'json', '--list-streams', '1', ...args], {
    env: { OS_CLIENT_CONFIG_FILE: yaml, ...env },
    timeoutMs: 90_000,
    ...(nodeArgs ? { nodeArgs } : {}),
  });
  const ms = performance.now() - started;
  outputs.push(run.stdout, run.stderr);
  return { ...run, report: JSON.parse(run.stdout) as CheckReport, ms };
}

/** Exit 3, a message, every testcase ABORT, no stack trace, and a stderr a terminal cannot be steered by. */
function expectIncomplete(run: CliRun & { report: CheckReport }, message: RegExp): void {
  expect(run.code, run.stderr).toBe(3);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(TERMINAL_CONTROL.test(run.stderr)).toBe(false);
  const testcases = run.report.subjects[0]!.testcases;
  expect(testcases.length).toBeGreaterThan(0);
  expect(testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
}

describe('a listing that never ends', () => {
  it('one image a page, a new marker each time: stops at the page bound (injected small), not after 100,000 pages', async () => {
    glance.setMode({ kind: 'endless', imagesPerPage: 1 });
    // 50 images at no fewer than 100 a page is one page, two more for the range: the 4th is refused
    const run = await check([], { SCS_IMAGES_LIMITS: 'images=50' });
    expectIncomplete(run, /image listing stopped: more than 3 pages \(after 4 pages, 4 images, \d+ bytes\); the listing is incomplete/);
    expect(glance.requests).toHaveLength(4);
    expect(run.ms).toBeLessThan(30_000);
  });

  it('ten images a page: stops at the image bound', async () => {
    glance.setMode({ kind: 'endless', imagesPerPage: 10 });
    const run = await check([], { SCS_IMAGES_LIMITS: 'images=50,pages=1000' });
    expectIncomplete(run, /image listing stopped: more than 50 images \(after 6 pages, 60 images/);
    expect(glance.requests).toHaveLength(6);
  });

  it('pages of 1,000 images (about 150 KiB): stops at the byte bound of the listing', async () => {
    glance.setMode({ kind: 'endless', imagesPerPage: 1000 });
    const run = await check([], { SCS_IMAGES_LIMITS: 'listing-bytes=1MiB' });
    expectIncomplete(run, /image listing stopped: more than 1 MiB of answers/);
    expect(glance.requests.length).toBeLessThanOrEqual(8);
  });

  it('the partitioned listing (two streams) stops at the same bounds', async () => {
    glance.setMode({ kind: 'endless', imagesPerPage: 1 });
    const run = await check(['--list-streams', '2'], { SCS_IMAGES_LIMITS: 'images=50' });
    expectIncomplete(run, /image listing stopped: more than \d+ pages/);
    expect(glance.requests.length).toBeLessThanOrEqual(12);
  });
});

describe('a gzip bomb', () => {
  it('4 GiB inflated from 4 MB: refused after about 64 MiB, not retried, the process stays small', async () => {
    glance.setMode({ kind: 'gzip-bomb', gib: 4 });
    const rssFile = path.join(dir, 'maxrss');
    // the CLI's own peak RSS, written as it exits (kilobytes)
    const probe = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`;
    const run = await check([], {}, ['--import', probe]);
    expectIncomplete(run, /GET \S+\/v2\/images\?\S+: the answer is larger than 64 MiB \(counted after decompression\); refused/);
    expect(glance.requests).toHaveLength(1);
    const maxRssMiB = Number(await readFile(rssFile, 'utf8')) / 1024;
    // inflating it whole took 6.4 GB (a 3 GiB bomb) before the limit; now the cap and the CLI's own ~150 MB
    expect(maxRssMiB).toBeGreaterThan(0);
    expect(maxRssMiB).toBeLessThan(400);
    expect(run.ms).toBeLessThan(30_000);
  });
});

describe('escape sequences in error messages', () => {
  it('a JSON 403 whose message steers the terminal: stderr shows it escaped, the report too', async () => {
    glance.setMode({ kind: 'json-error', status: 403, message: `You shall not list ${TERMINAL_ATTACK}` });
    const run = await check();
    expectIncomplete(run, /returned HTTP 403: You shall not list \\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[31mRED/);
    expect(run.stderr).toContain('\\u202eevil');
    expect(run.stdout).not.toContain('\u001b');
  });

  it('the same in --debug traces and in the text report', async () => {
    glance.setMode({ kind: 'json-error', status: 403, message: TERMINAL_ATTACK });
    glance.reset();
    const run = await runCli(['check', '--cloud', 'hostile', '--spec', 'scs-0104-v1-images-v5', '--format', 'text', '--debug', '--list-streams', '1'], {
      env: { OS_CLIENT_CONFIG_FILE: yaml },
    });
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/debug: image GET .* -> 403/);
    expect(TERMINAL_CONTROL.test(run.stderr)).toBe(false);
    expect(TERMINAL_CONTROL.test(run.stdout)).toBe(false);
  });

  it('an HTML 400 page with escape sequences and a carriage return: stripped of tags, escaped', async () => {
    glance.setMode({ kind: 'html-error', status: 400, html: `<html><body><h1>400 Bad Request</h1><p>${TERMINAL_ATTACK}</p></body></html>` });
    const run = await check();
    expectIncomplete(run, /returned HTTP 400: 400 Bad Request \\x1b\]0;pwned/);
    // the carriage return, which would overwrite the line, is white space in a page: one blank
    expect(run.stderr).toContain('\\x1b[2K \\x9b31m\\u202eevil');
  });
});

describe('the classes handled before stay handled', () => {
  it('a redirect loop: not followed, one request, the redirect named', async () => {
    glance.setMode({ kind: 'redirect-loop' });
    const run = await check();
    expectIncomplete(run, /returned HTTP 302: redirected to \/v2\/images\?loop=1/);
    expect(glance.requests).toHaveLength(1);
  });

  it('a redirect to another host: never followed, so the other host never gets the token', async () => {
    elsewhere.reset();
    glance.setMode({ kind: 'redirect', target: elsewhere.url });
    const run = await check();
    expectIncomplete(run, /returned HTTP 302: redirected to http:\/\/127\.0\.0\.1:\d+\/v2\/images/);
    expect(glance.requests[0]!.token).toBe(true);
    expect(elsewhere.requests).toEqual([]);
  });

  it('invalid JSON: refused, never an empty catalogue', async () => {
    glance.setMode({ kind: 'invalid-json' });
    const run = await check();
    expectIncomplete(run, /returned invalid JSON \(HTTP 200\)/);
  });

  it('a token echoed in an error body is redacted', async () => {
    glance.setMode({ kind: 'echo-token' });
    const run = await check();
    expectIncomplete(run, /returned HTTP 403: token \*\*\* is not welcome here; X-Auth-Token: \*\*\*/);
    expect(glance.requests[0]!.token).toBe(true);
  });
});
