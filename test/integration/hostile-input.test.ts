// The hostile and broken input corpus (test/corpus/hostile/cases.json: specs, image exports, scope
// files, clouds.yaml and image definitions): each file is given to the real CLI; every case must end with exit 2, a message naming the file (and line and field where
// the format has them), no stack trace, nothing on stdout, and no cloud contacted (the runs have
// no cloud configured, or an --images-file instead of one). Also: a catastrophic name_scheme
// stays linear in time on a long image name.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import { runCli } from '../harness/run-cli.js';

const CORPUS = fileURLToPath(new URL('../corpus/hostile/', import.meta.url));
interface Case {
  file: string;
  kind: 'spec' | 'images' | 'clouds' | 'scope' | 'definitions';
  expect: string;
}
const cases = JSON.parse(readFileSync(path.join(CORPUS, 'cases.json'), 'utf8')) as Case[];
const GOOD_IMAGES = JSON.stringify({
  images: [{ id: 'i1', name: 'Ubuntu 24.04', visibility: 'public', status: 'active', tags: [], image_source: 'https://cloud-images.ubuntu.com/noble/x' }],
});

let dir: string;
let goodImages: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-hostile-'));
  goodImages = path.join(dir, 'images.json');
  await writeFile(goodImages, GOOD_IMAGES);
});

function argsFor(c: Case): { args: string[]; env: Record<string, string> } {
  const file = path.join(CORPUS, c.file);
  switch (c.kind) {
    case 'spec':
      return { args: ['check', '--spec', file, '--images-file', goodImages], env: {} };
    case 'images':
      return { args: ['check', '--spec', 'scs-0104-v1-images-v5', '--images-file', file], env: {} };
    case 'scope':
      return { args: ['check', '--scope', file, '--images-file', goodImages], env: {} };
    case 'clouds':
      return { args: ['check', '--cloud', 'c'], env: { OS_CLIENT_CONFIG_FILE: file } };
    case 'definitions':
      // plan would read the definitions before any cloud call, exactly as validate does
      return { args: ['validate', '--images', file], env: {} };
  }
}

describe('hostile and broken input corpus', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s: exit 2, the place named, no stack trace', async (_name, c) => {
    const { args, env } = argsFor(c);
    const started = performance.now();
    const run = await runCli(args, { env: { HOME: dir, ...env }, cwd: dir, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(c.expect));
    expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('s3cr3t-value');
    // bounded: no parser or matcher may spin on hostile input
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});

describe('catastrophic name_scheme', () => {
  it('(a+)+$ on a 100,000-character name finishes (RE2: linear time) and does not match', async () => {
    const spec = path.join(dir, 'redos.yaml');
    await writeFile(spec, "images:\n- name: redos\n  name_scheme: '(a+)+$'\n  source: https://x/\n");
    const images = path.join(dir, 'long.json');
    await writeFile(
      images,
      JSON.stringify({ images: [{ id: 'long', name: `${'a'.repeat(100_000)}!`, visibility: 'public', tags: [], image_source: 'https://x/y' }] }),
    );
    const run = await runCli(['check', '--spec', spec, '--images-file', images, '--format', 'json'], { timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-source-redos')!.images).toEqual([]);
  });
});

describe('a 20 MB value is never echoed in full', () => {
  it('a 20 MB name and image_source: every report format stays small and notes the full length', async () => {
    const huge = 'U'.repeat(20_000_000);
    const file = path.join(dir, 'huge.json');
    // a huge wrong image_source on the mandatory image, and a huge name the CAPI scheme matches (re.match: a prefix)
    const images = [
      { id: 'i1', name: 'Ubuntu 24.04', visibility: 'public', status: 'active', tags: [], image_source: huge },
      { id: 'i2', name: `ubuntu-capi-image-v1.30.2${huge}`, visibility: 'public', status: 'active', tags: [], image_source: 'https://wrong/' },
    ];
    await writeFile(file, JSON.stringify({ images }));
    for (const format of ['text', 'json', 'junit', 'yaml', 'html', 'markdown']) {
      const run = await runCli(['check', '--spec', 'scs-0104-v1-images-v5', '--images-file', file, '--format', format, '--verbose'], {
        env: { HOME: dir },
        cwd: dir,
      });
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      expect(run.stdout.length, format).toBeLessThan(200_000);
      // the values (or the messages quoting them) are clipped with their full length noted
      expect(run.stdout, format).toMatch(/\(2000\d{4} characters in all\)/);
      expect(run.stdout, format).not.toContain('U'.repeat(1001));
    }
  });
});
