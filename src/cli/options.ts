import { Option } from 'commander';
import { VISIBILITIES } from '../core/images/image.js';
import type { OpenCloudOptions } from '../openstack/open-cloud.js';
import { FORMATS } from '../reporters/formats.js';
import { redactOutput } from '../util/redact.js';
import { ExitError, EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

/** Option parsing shared by commands: usage errors end with exit code 2 and a clear message. */
export function parseVisibilities(list: string): string[] {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const allowed = [...VISIBILITIES, 'all'];
  const bad = items.filter((v) => !allowed.includes(v as never));
  if (items.length === 0 || bad.length > 0) {
    throw new ExitError(EXIT.USAGE, `error: --visibility: unknown value(s) ${bad.join(', ') || "''"}; use ${allowed.join(', ')}`);
  }
  return items;
}

/**
 * The parser of a repeatable flag (`--cloud a --cloud b`). It has no default: commander would print
 * "(default: [])" in the help, so a flag never given is undefined and its reader says `?? []`.
 */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The one help text of `--now`, so every command says the same about its clock. */
export const NOW_HELP = 'the clock of this run, ISO 8601 (default: the system clock, read once)';

/**
 * `--now`, or the system clock when it is absent: the only place a command reads the clock.
 * A command calls it once and passes the value down, so one run never sees two instants.
 */
export function parseNow(value: string | undefined, clock: () => Date = () => new Date()): Date {
  if (value === undefined) return clock();
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new ExitError(EXIT.USAGE, `error: --now: '${value}' is not an ISO 8601 date or time (e.g. 2026-11-28 or 2026-11-28T10:00:00Z)`);
  }
  return d;
}

export function parseSeconds(value: string, flag: string, opts: { allowZero?: boolean } = {}): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !opts.allowZero) || value.trim() === '')
    throw new ExitError(EXIT.USAGE, `error: ${flag}: '${value}' is not a ${opts.allowZero ? 'non-negative' : 'positive'} number of seconds`);
  return n;
}

/** `--timeout`, `--insecure`, `--debug` → how to open a cloud; warns once about --insecure. */
export function connectionOptions(
  flags: { timeout: string; insecure?: boolean | undefined; debug?: boolean | undefined },
  io: CliIO,
): Omit<OpenCloudOptions, 'cloud' | 'region' | 'env'> {
  if (flags.insecure) io.stderr.write('scs-images: warning: --insecure: TLS certificates are not verified\n');
  return {
    timeoutMs: parseSeconds(flags.timeout, '--timeout') * 1000,
    insecure: flags.insecure ?? false,
    trace: flags.debug ? (line: string) => io.stderr.write(`${redactOutput(line)}\n`) : undefined,
  };
}

/**
 * `-f, --format` (openstackclient's short form), one declaration for every command with an output
 * format: the report formats by default, or a command's own (plan: text, json).
 */
/**
 * The connection flags every command that opens a cloud takes, defined once so their meaning and
 * wording are the same everywhere (parsed by connectionOptions()).
 */
export function timeoutOption(help = 'per-request timeout in seconds, from sending a request to the last byte of its answer', fallback = '30'): Option {
  return new Option('--timeout <seconds>', help).default(fallback);
}
export function insecureOption(): Option {
  return new Option('--insecure', 'do not verify TLS certificates (prints a warning)');
}
export function debugOption(): Option {
  return new Option('--debug', 'trace requests to stderr (credentials and tokens redacted)');
}

export function formatOption(description = 'report format', choices: readonly string[] = FORMATS): Option {
  return new Option('-f, --format <format>', description).choices([...choices]).default('text');
}

/**
 * A count of things done at the same time (`--concurrency` clouds, `--parallel` imports): a whole
 * number from 1 to `max`. The message says what the number counts, so it never reads like a time.
 */
export function parseCount(value: string, flag: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? '1 or more' : `from 1 to ${max}`;
    throw new ExitError(EXIT.USAGE, `error: ${flag}: '${value}' is not a count of ${what}: expected a whole number, ${range}`);
  }
  return n;
}
