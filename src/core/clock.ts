/**
 * The clock of one run: the instant every rule is decided against, and its UTC day. A command
 * reads the system clock (or `--now`) once and passes this value down, so one run never sees two
 * instants and the day is derived in one place.
 */
export interface Clock {
  readonly now: Date;
  /** `now` as a UTC calendar day, YYYY-MM-DD. */
  readonly day: string;
}

/** The UTC day (YYYY-MM-DD) of an instant. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function clockAt(now: Date): Clock {
  return { now, day: dayOf(now) };
}
