import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseGroups, type AnyGroups } from '../command.js';
import { ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { clockFlags } from './clock.js';
import { fleetFlags } from './clouds.js';
import { connectionFlags } from './connection.js';
import { importFlags } from './imports.js';
import { hideWarning, policyFlags } from './policy.js';
import { selectionFlags } from './selection.js';

function io(): CliIO & { err: () => string } {
  let err = '';
  return {
    env: {},
    stdout: { write: () => true } as unknown as CliIO['stdout'],
    stderr: { write: (s: string) => ((err += s), true) } as unknown as CliIO['stderr'],
    err: () => err,
  };
}

/** Declares the groups on a command, parses argv as commander would, then parses the groups once. */
function parse<G extends AnyGroups>(groups: G, argv: string[], out = io()) {
  const cmd = new Command('t').exitOverride();
  for (const g of Object.values(groups)) g.declare(cmd);
  cmd.parse(argv, { from: 'user' });
  return parseGroups(groups, cmd.opts(), out);
}

describe('policy group', () => {
  it.each([
    [[], { hide: 'os_hidden', deactivate: false, delete: false, prune: false }],
    [['--no-hide'], { hide: 'none' }],
    [['--hide'], { hide: 'os_hidden' }],
    [['--hide-community'], { hide: 'community' }],
    [['--deactivate', '--prune'], { deactivate: true, prune: true }],
    [['--delete', '--yes-i-really-know-what-i-do'], { delete: true }],
  ])('%j', (argv, expected) => {
    expect(parse({ policy: policyFlags }, argv).policy).toMatchObject(expected);
  });

  it('refuses --delete without the confirmation, and --hide-community with --no-hide (exit 2)', () => {
    expect(() => parse({ policy: policyFlags }, ['--delete'])).toThrow(/--yes-i-really-know-what-i-do/);
    expect(() => parse({ policy: policyFlags }, ['--no-hide', '--hide-community'])).toThrow(ExitError);
  });

  it("answers an explicit --hide with OIM's meaning, on stderr before anything else", () => {
    const out = io();
    parse({ policy: policyFlags }, ['--hide'], out);
    expect(out.err()).toMatch(/warning: --hide here hides .* is --hide-community here/);
    expect(hideWarning({})).toBeUndefined();
    expect(hideWarning({ hide: false })).toBeUndefined();
    expect(hideWarning({ hide: true, hideCommunity: true })).toBeUndefined();
  });
});

describe('fleet group', () => {
  it('takes --cloud and --region repeated, and refuses --all-* with their lists', () => {
    const groups = { clouds: fleetFlags('worked on', { failFast: true }) };
    expect(parse(groups, ['--cloud', 'a', '--cloud', 'b', '--region', 'r', '--concurrency', '3', '--fail-fast']).clouds).toEqual({
      selection: { clouds: ['a', 'b'], allClouds: false, regions: ['r'], allRegions: false },
      concurrency: 3,
      failFast: true,
    });
    expect(() => parse(groups, ['--cloud', 'a', '--all-clouds'])).toThrow(/--all-clouds excludes --cloud/);
    expect(() => parse(groups, ['--region', 'r', '--all-regions'])).toThrow(/--all-regions excludes --region/);
    expect(() => parse(groups, ['--concurrency', '0'])).toThrow(/--concurrency/);
  });
});

describe('clock group', () => {
  it('one instant and its UTC day per run; a bad --now is a usage error naming the flag', () => {
    const { clock } = parse({ clock: clockFlags('x') }, ['--now', '2026-11-28T23:30:00-02:00']);
    expect(clock.now.toISOString()).toBe('2026-11-29T01:30:00.000Z');
    expect(clock.day).toBe('2026-11-29');
    expect(() => parse({ clock: clockFlags('x') }, ['--now', 'tomorrow'])).toThrow(/--now: 'tomorrow' is not an ISO 8601/);
  });
});

describe('connection, selection and imports groups', () => {
  it('turn their flags into one value each, checked before anything runs', () => {
    const out = io();
    const v = parse(
      { connection: connectionFlags(), selection: selectionFlags, imports: importFlags },
      ['--timeout', '5', '--insecure', '--filter', '^Ubuntu', '--latest', '--parallel', '2', '--no-web-download', '--lock-timeout', '0'],
      out,
    );
    expect(v.connection).toMatchObject({ timeoutMs: 5000, insecure: true });
    expect(out.err()).toMatch(/--insecure: TLS certificates are not verified/);
    expect(v.selection.selection?.filter?.test('Ubuntu 24.04')).toBe(true);
    expect(v.selection).toMatchObject({ given: true, selection: { latestOnly: true } });
    expect(v.imports).toMatchObject({ webDownload: false, readBack: true, run: { concurrency: 2, lock: { enabled: true, waitMs: 0 } } });
    expect(() => parse({ selection: selectionFlags }, ['--filter', '('])).toThrow(/--filter: '\(' is not a regular expression/);
    expect(() => parse({ imports: importFlags }, ['--parallel', '99'])).toThrow(/--parallel/);
  });
});
