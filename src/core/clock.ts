/**
 * The clock of a run, as a value: one instant and the day it falls on (UTC), taken once and passed
 * down, so every part of a run (scope version, recency, labels, the report's date) agrees on
 * "today". Nothing here reads the system clock: the caller (the CLI, from `--now` or the time it
 * starts) does, once.
 */
export interface Clock {
  readonly now: Date;
  /** `YYYY-MM-DD` of `now` in UTC. */
  readonly day: string;
}

export function clockAt(now: Date): Clock {
  return { now, day: dayOf(now) };
}

/** `YYYY-MM-DD` of an instant, in UTC (the day every date in the standards is read against). */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
