// Numbers on the command line: a bad count names what it counts (never "seconds").
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness/run-cli.js';

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
