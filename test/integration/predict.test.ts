// Static prediction (`validate --images DIR --spec SPEC`): the check's own rules on the images the
// definitions would produce, before any cloud call. No cloud is configured in these runs.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/core/check/report.js';
import { runCli } from '../harness/run-cli.js';

let dir: string;
// one clock for every command of this file: init's versions and build dates, and the prediction
const NOW = '2026-11-28T12:00:00Z';

beforeAll(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'scs-predict-')), 'images');
  const init = await runCli(['init', '--spec', 'scs-0104-v1-images-v5', '--out', dir, '--now', NOW]);
  expect(init.code, init.stderr).toBe(0);
});

const predict = async (args: string[]) => {
  const run = await runCli(['validate', '--images', dir, '--format', 'json', '--now', NOW, ...args], { env: { HOME: dir } });
  return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as CheckReport) : undefined };
};

describe('validate --spec: would the definitions comply once applied?', () => {
  it("init's definitions are predicted compliant with the spec and with the whole v5.1 scope", async () => {
    const spec = await predict(['--spec', 'scs-0104-v1-images-v5']);
    expect(spec.code, spec.stderr).toBe(0);
    expect(spec.report!.subjects[0]!.subject.name).toContain('(predicted after apply)');
    expect(spec.report!.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-image-ubuntu-2404')!.images.map((i) => i.name)).toEqual(['Ubuntu 24.04']);
    const scope = await predict(['--scope', 'scs-compatible-iaas']);
    expect(scope.code, scope.stdout).toBe(0);
  });

  it('a url outside the allowed prefixes is caught before anything touches a cloud: exit 1, the entry named', async () => {
    const file = path.join(dir, 'debian.yml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/https:\/\/cloud\.debian\.org\/images\/cloud\/bookworm\//g, 'https://mirror.example.net/debian/bookworm/'));
    const run = await predict(['--spec', 'scs-0104-v1-images-v5']);
    expect(run.code).toBe(1);
    const tc = run.report!.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-source-debian-12')!;
    expect(tc.verdict).toBe('FAIL');
    expect(tc.findings[0]!.image?.name).toBe('Debian 12');
    expect(String(tc.findings[0]!.value)).toMatch(/^https:\/\/mirror\.example\.net\/debian\/bookworm\//);
    await writeFile(file, text);
  });

  it('a missing mandatory entry is named', async () => {
    const run = await runCli(['validate', '--images', path.join(dir, 'debian.yml'), '--spec', 'scs-0104-v1-images-v5', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.subjects[0]!.testcases.find((t) => t.id === 'scs-0104-image-ubuntu-2404')!.findings[0]!.message).toContain('Missing mandatory image');
  });
});
