/**
 * Readers of single flag values, shared by the flag groups and the commands' own flags. A bad
 * value is a usage error (exit 2) whose message names the flag.
 */
import { VISIBILITIES } from '../../core/images/image.js';
import { ExitError, EXIT } from '../exit-codes.js';

export const usage = (message: string): ExitError => new ExitError(EXIT.USAGE, `error: ${message}`);

/**
 * The parser of a repeatable flag (`--cloud a --cloud b`). It has no default: commander would print
 * "(default: [])" in the help, so a flag never given is undefined and its reader says `?? []`.
 */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseSeconds(value: string, flag: string, opts: { allowZero?: boolean } = {}): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !opts.allowZero) || value.trim() === '')
    throw usage(`${flag}: '${value}' is not a ${opts.allowZero ? 'non-negative' : 'positive'} number of seconds`);
  return n;
}

/**
 * A count of things done at the same time (`--concurrency` clouds, `--parallel` imports): a whole
 * number from 1 to `max`. The message says what the number counts, so it never reads like a time.
 */
export function parseCount(value: string, flag: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? '1 or more' : `from 1 to ${max}`;
    throw usage(`${flag}: '${value}' is not a count of ${what}: expected a whole number, ${range}`);
  }
  return n;
}

export function parseDays(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw usage(`${flag}: '${value}' is not a number of days (a whole number, 0 or more)`);
  return n;
}

/** A regular expression searched anywhere in the name, as Python's re.search in OIM. */
export function parseFilter(value: string, flag = '--filter'): RegExp {
  try {
    return new RegExp(value);
  } catch (e) {
    throw usage(`${flag}: '${value}' is not a regular expression: ${(e as Error).message}`);
  }
}

export function parseVisibilities(list: string): string[] {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const allowed = [...VISIBILITIES, 'all'];
  const bad = items.filter((v) => !allowed.includes(v as never));
  if (items.length === 0 || bad.length > 0) throw usage(`--visibility: unknown value(s) ${bad.join(', ') || "''"}; use ${allowed.join(', ')}`);
  return items;
}

/** An http(s) URL given on the command line. */
export function parseHttpUrl(value: string, flag: string): string {
  if (!/^https?:\/\/[^/]/.test(value)) throw usage(`${flag}: '${value}' is not an http(s) URL`);
  return value;
}
