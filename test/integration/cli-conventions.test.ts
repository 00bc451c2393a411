// Conventions users bring from other tools: `-f` for `--format` (openstackclient's habit).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../harness/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-conventions-'));
});

async function help(args: string[]): Promise<string> {
  const run = await runCli([...args, '--help']);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** The commands the top-level help lists (commander's own `help` aside). */
async function commands(): Promise<string[]> {
  const top = await help([]);
  const section = top.slice(top.indexOf('\nCommands:\n'), top.indexOf('\nExamples:\n'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

describe('-f is --format', () => {
  it('on every command that has --format, and no command has another -f', async () => {
    const withFormat: string[] = [];
    for (const cmd of await commands()) {
      const text = await help([cmd]);
      if (!text.includes('--format')) continue;
      withFormat.push(cmd);
      expect(text, cmd).toMatch(/^ {2}-f, --format <format>/m);
      expect(text.match(/^ {2}-f,/gm), cmd).toHaveLength(1);
    }
    expect(withFormat).toEqual(expect.arrayContaining(['check', 'validate', 'plan', 'ensure']));
  });

  it('check -f json writes the JSON report', async () => {
    const spec = path.join(dir, 'spec.yaml');
    const images = path.join(dir, 'images.json');
    await writeFile(spec, 'images:\n- name: "Ubuntu 24.04"\n  source: https://cloud-images.ubuntu.com/noble/\n  status: mandatory\n');
    await writeFile(
      images,
      JSON.stringify({
        images: [{ id: 'i1', name: 'Ubuntu 24.04', visibility: 'public', status: 'active', tags: [], image_source: 'https://cloud-images.ubuntu.com/noble/x' }],
      }),
    );
    const run = await runCli(['check', '--images-file', images, '--spec', spec, '-f', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ compliant: true });
    expect((await runCli(['check', '--images-file', images, '--spec', spec, '-f', 'pdf'])).code).toBe(2);
  });
});
