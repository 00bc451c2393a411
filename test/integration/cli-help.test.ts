// Help texts as users read them: no commander leftovers ("(default: false)", "(default: [])",
// "--hide (default: true)" beside --no-hide). The commands are read from the top-level help, so a
// new command is covered at once.
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness/run-cli.js';

async function help(args: string[]): Promise<string> {
  const run = await runCli([...args, '--help']);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** The commands the top-level help lists (commander's own `help` aside). */
async function commands(): Promise<string[]> {
  const top = await help([]);
  const section = top.slice(top.indexOf('\nCommands:\n'), top.indexOf('\n', top.indexOf('  help [command]')));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

describe('help texts', () => {
  it('list every command', async () => {
    const list = await commands();
    expect(list).toEqual(expect.arrayContaining(['check', 'validate', 'plan', 'apply', 'ensure', 'share', 'init', 'update']));
  });

  it('show no default of false, [] or true (a flag that is off, a list that is empty, a switch with its --no- twin)', async () => {
    for (const cmd of ['', ...(await commands())]) {
      // commander wraps descriptions: a leftover may be split over two lines
      const text = (await help(cmd ? [cmd] : [])).replace(/\s+/g, ' ');
      expect(text, cmd).not.toMatch(/\(default: (false|true|\[\])\)/);
      expect(text, cmd).not.toMatch(/default: (false|true|\[\])/);
    }
  });

  it('--hide is not shown with a default beside --no-hide', async () => {
    for (const cmd of ['plan', 'apply', 'ensure']) {
      const text = (await help([cmd])).replace(/\s+/g, ' ');
      expect(text, cmd).toMatch(/--hide hide superseded and outdated versions with os_hidden \(the default\)/);
      expect(text, cmd).toContain('--no-hide');
    }
  });
});

describe('counts', () => {
  const clouds = 'is not a count of clouds checked at the same time: expected a whole number, 1 or more';
  const imports = 'is not a count of imports running at the same time: expected a whole number, from 1 to 32';
  it.each([
    [['check', '--concurrency', 'abc'], `--concurrency: 'abc' ${clouds}`],
    [['check', '--concurrency', '0'], `--concurrency: '0' ${clouds}`],
    [['check', '--concurrency', '2.5'], `--concurrency: '2.5' ${clouds}`],
    [['apply', '--images', 'x', '--parallel', 'abc'], `--parallel: 'abc' ${imports}`],
    [['apply', '--images', 'x', '--parallel', '33'], `--parallel: '33' ${imports}`],
  ])('%j names what the number counts, never seconds (exit 2)', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`scs-images: error: ${message}\n`);
  });
});
