/**
 * Clock skew from an HTTP Date header. The header has one-second resolution and was written at
 * some instant between sending and receiving, so the server's clock is compared with the run's at
 * the midpoint, and the answer carries its uncertainty: half the round trip plus one second.
 *
 * The run's clock is `--now` (or the system clock read once, cli/flags/clock.ts), moved on by the
 * time elapsed since it was read: `runClockOffsetMs` is `--now` minus the system clock at that
 * moment, 0 without --now.
 */
import type { ClockFact } from './types.js';

export interface DatedAnswer {
  serverDate?: Date | undefined;
  /** The system clock (ms since epoch) before sending and after the answer. */
  sentAt: number;
  receivedAt: number;
}

export function clockSkew(answer: DatedAnswer, runClockOffsetMs = 0): ClockFact | undefined {
  if (!answer.serverDate) return undefined;
  const midpoint = (answer.sentAt + answer.receivedAt) / 2 + runClockOffsetMs;
  // the header truncates to the second: the server's clock was in [date, date + 1 s)
  const server = answer.serverDate.getTime() + 500;
  return {
    skewMs: Math.round(server - midpoint),
    uncertaintyMs: Math.round((answer.receivedAt - answer.sentAt) / 2 + 500),
    serverDate: answer.serverDate.toUTCString(),
  };
}

/** The skew beyond what the measurement cannot tell apart from zero (0 when within the uncertainty). */
export function provenSkewMs(c: ClockFact): number {
  const beyond = Math.abs(c.skewMs) - c.uncertaintyMs;
  return beyond > 0 ? Math.sign(c.skewMs) * beyond : 0;
}

/** `3 s`, `4 min 10 s`, `2 h 5 min`, `3 d 4 h`. */
export function durationText(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ''}`;
}
