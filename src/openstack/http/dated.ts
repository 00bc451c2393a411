/**
 * An answer and when it was given: the server's Date header and the caller's clock around the
 * request, so a caller can compare clocks (core/doctor/skew.ts) without a second request.
 */
import type { HttpResponse } from './types.js';

export interface Dated<T> {
  value: T;
  /** The Date header (one-second resolution); undefined when the server sent none. */
  serverDate?: Date;
  /** ms since epoch (the caller's clock) just before sending and after the answer. */
  sentAt: number;
  receivedAt: number;
}

/** The Date header of an answer, when it is a valid HTTP date. */
export function serverDate(res: Pick<HttpResponse, 'headers'>): Date | undefined {
  const text = res.headers.get('date');
  if (!text) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Runs a request and keeps the times around it and the Date header. */
export async function dated<T>(send: () => Promise<HttpResponse>, read: (body: unknown) => T, now: () => number = Date.now): Promise<Dated<T>> {
  const sentAt = now();
  const res = await send();
  const receivedAt = now();
  const date = serverDate(res);
  return { value: read(res.body), sentAt, receivedAt, ...(date ? { serverDate: date } : {}) };
}
