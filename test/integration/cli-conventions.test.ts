// Conventions users bring from other tools: `-f` for `--format` (openstackclient's habit), shell
// completion (run in the real shells where they are installed).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

async function script(shell: string): Promise<string> {
  const run = await runCli(['completion', shell]);
  expect(run.code, run.stderr).toBe(0);
  const file = path.join(dir, `completion.${shell}`);
  await writeFile(file, run.stdout);
  return file;
}

/** The long flags a command's help lists. */
async function flagsOf(cmd: string): Promise<string[]> {
  return [...(await help([cmd])).matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!);
}

/** What bash's completion offers for the words typed so far (the last one being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const probe = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _scs_images scs-images "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', probe, 'probe', file, ...words], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('completion', () => {
  it('bash: every command, and for each command every long flag its help lists', async () => {
    const file = await script('bash');
    const list = await commands();
    expect(bashComplete(file, ['scs-images', ''])).toEqual(expect.arrayContaining([...list, '--help', '--version']));
    for (const cmd of list) expect(new Set(bashComplete(file, ['scs-images', cmd, '--'])), cmd).toEqual(new Set(await flagsOf(cmd)));
    expect(bashComplete(file, ['scs-images', 'ch'])).toEqual(['check']);
    expect(bashComplete(file, ['scs-images', 'check', '--all-c'])).toEqual(['--all-clouds', '--all-community']);
  });

  it('bash: the values of flags with choices, and the shell names', async () => {
    const file = await script('bash');
    expect(bashComplete(file, ['scs-images', 'check', '-f', ''])).toEqual(['text', 'json', 'junit', 'yaml', 'html', 'markdown', 'openmetrics']);
    expect(bashComplete(file, ['scs-images', 'plan', '--format', ''])).toEqual(['text', 'json']);
    expect(bashComplete(file, ['scs-images', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    // a free value (a file, a cloud name) is left to bash's default completion
    expect(bashComplete(file, ['scs-images', 'check', '--images-file', ''])).toEqual([]);
  });

  it('zsh: the script parses and registers its function with compinit', async () => {
    const file = await script('zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const probe = `autoload -U compinit; compinit -u -d "${dir}/zcompdump"; source "${file}"; print -r -- "$_comps[scs-images]"`;
    const r = spawnSync('zsh', ['-f', '-c', probe], { encoding: 'utf8', env: { HOME: dir, PATH: process.env['PATH'] ?? '' } });
    expect(r.stdout.trim(), r.stderr).toBe('_scs_images');
    expect(await readFile(file, 'utf8')).toContain("'*--all-clouds[every cloud in clouds.yaml]'");
  });

  it('fish: commands, flags and values as fish completes them', async () => {
    const file = await script('fish');
    const complete = (line: string): string[] => {
      const r = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], {
        encoding: 'utf8',
        env: { HOME: dir, PATH: process.env['PATH'] ?? '' },
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!);
    };
    expect(complete('scs-images ch')).toEqual(['check']);
    expect(complete('scs-images check --all-')).toEqual(['--all-clouds', '--all-community', '--all-regions']);
    expect(complete('scs-images plan --format ').sort()).toEqual(['json', 'text']);
    expect(complete('scs-images completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
  });

  it('an unknown shell is a usage error naming the ones there are', async () => {
    const run = await runCli(['completion', 'tcsh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});
