// Help texts as users read them: no commander leftovers ("(default: false)", "(default: [])", quoted "4",
// "--hide (default: true)" beside --no-hide), and every command's help ends with examples and its
// exit codes. The commands are read from the top-level help, so a new command is covered at once.
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
  const section = top.slice(top.indexOf('\nCommands:\n'), top.indexOf('\nExamples:\n'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

describe('help texts', () => {
  it('list every command, and the top-level help has its own examples', async () => {
    const list = await commands();
    expect(list).toEqual(expect.arrayContaining(['check', 'validate', 'plan', 'apply', 'ensure', 'share', 'init', 'update']));
    expect(await help([])).toMatch(/\nExamples:\n {2}# .+\n {2}scs-images check --cloud mycloud\n/);
  });

  it('show no default of false, [] or true (a flag that is off, a list that is empty, a switch with its --no- twin)', async () => {
    for (const cmd of ['', ...(await commands())]) {
      // commander wraps descriptions: a leftover may be split over two lines
      const text = (await help(cmd ? [cmd] : [])).replace(/\s+/g, ' ');
      expect(text, cmd).not.toMatch(/\(default: (false|true|\[\])\)/);
      expect(text, cmd).not.toMatch(/default: (false|true|\[\])/);
      // commander's JSON quoting of plain values: (default: "4"), (choices: "text", "json")
      expect(text, cmd).not.toMatch(/\((choices|default): [^)]*"/);
    }
  });

  it('end with 2-3 examples of the command itself and every exit code it uses, 2 (bad input or usage) included', async () => {
    for (const cmd of await commands()) {
      const text = await help([cmd]);
      const end = text.slice(text.lastIndexOf('\nExamples:\n'));
      expect(end, cmd).toMatch(/^\nExamples:\n( {2}# .+\n {2}scs-images .+\n){2,3}\nExit codes:\n( {2}\d+ {2}.+\n)+$/);
      const examples = [...end.matchAll(/^ {2}scs-images (\S+)/gm)].map((m) => m[1]);
      expect(new Set(examples), cmd).toEqual(new Set([cmd]));
      expect(end, cmd).toMatch(/^ {2}0 {2}/m);
      expect(end, cmd).toMatch(/^ {2}2 {2}bad input or usage/m);
    }
  });

  it("--hide has no default beside --no-hide, and says it is not OIM's --hide", async () => {
    for (const cmd of ['plan', 'apply', 'ensure']) {
      const text = (await help([cmd])).replace(/\s+/g, ' ');
      expect(text, cmd).toContain("--hide hide superseded and outdated versions with os_hidden (the default; not OIM's --hide, that is --hide-community)");
      expect(text, cmd).toContain('--no-hide');
    }
  });
});

describe('counts', () => {
  const clouds = 'is not a count of clouds and regions checked at the same time: expected a whole number, from 1 to 64';
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
