/** `--now`: the clock of the run, read once (the system clock when absent). */
import { Option } from 'commander';
import { clockAt, type Clock } from '../../core/clock.js';
import type { FlagGroup } from '../command.js';
import { usage } from './values.js';

const NOW_HELP = 'the clock of this run, ISO 8601 (default: the system clock, read once)';

/**
 * `--now`, or the system clock when it is absent: the only place a command reads the clock.
 * Called once per run; the value is passed down.
 */
export function parseNow(value: string | undefined, system: () => Date = () => new Date()): Date {
  if (value === undefined) return system();
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw usage(`--now: '${value}' is not an ISO 8601 date or time (e.g. 2026-11-28 or 2026-11-28T10:00:00Z)`);
  }
  return d;
}

/** The clock group; `decides` says what the instant decides in this command (for the help). */
export function clockFlags(decides: string): FlagGroup<Clock> {
  return {
    declare: (cmd) => cmd.addOption(new Option('--now <time>', `${NOW_HELP}: ${decides}`)),
    parse: (opts) => clockAt(parseNow(opts['now'] as string | undefined)),
  };
}
