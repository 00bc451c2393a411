/**
 * Apply progress for people. On a terminal: one live line per running import (bar, bytes, rate,
 * ETA for streamed bytes; for imports Glance runs itself, what Glance reports and the time since
 * the import began, ticking every second) under the finished lines. Elsewhere (CI logs, files):
 * plain log lines, byte progress at most every 10 %, and while Glance imports, a timestamped
 * line every `intervalMs`: a CI job that prints nothing for minutes gets killed as hung.
 */
import type { ApplyEvent } from '../apply/types.js';
import { printable } from '../reporters/common.js';

export interface ProgressReporter {
  onEvent(e: ApplyEvent): void;
  /** Redraw (terminal) or print the interval lines that are due (plain); a timer calls it. */
  tick(): void;
  /** Remove the live lines and stop the timer (before the summary is printed). */
  finish(): void;
}

export interface ProgressOptions {
  /** Plain mode: one line per waiting import at this interval (default 30 s). */
  intervalMs?: number;
  /** Start a timer that calls tick() (default true; tests call tick() themselves). */
  timer?: boolean;
}

interface Live {
  name: string;
  text: string;
  done?: number;
  total?: number | undefined;
  startedAt: number;
  firstByteAt?: number;
  glance?: { status: string; importingTo: string[]; since: number };
  lastLineAt?: number;
}

const MiB = 1024 * 1024;
const mib = (n: number): string => `${(n / MiB).toFixed(1)} MiB`;

/** 75 s → "1m15s". */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function glanceText(g: NonNullable<Live['glance']>, now: number): string {
  const stores = g.importingTo.length > 0 ? ` (to ${g.importingTo.join(', ')})` : '';
  return `Glance: ${g.status}${stores}, ${elapsed(now - g.since)} since the import began`;
}

function glanceShort(g: NonNullable<Live['glance']>, now: number): string {
  const stores = g.importingTo.length > 0 ? ` to ${g.importingTo.join(', ')}` : '';
  return `Glance: ${g.status}${stores} · ${elapsed(now - g.since)}`;
}

function bar(l: Live, now: number, width = 24): string {
  // what changes first: a narrow terminal cuts the end of the line (the step's URL), not the time
  if (l.done === undefined) return l.glance ? `${glanceShort(l.glance, now)} · ${l.text}` : l.text;
  const secs = Math.max(0.001, (now - (l.firstByteAt ?? l.startedAt)) / 1000);
  const rate = l.done / secs;
  if (!l.total) return `${mib(l.done)} ${mib(rate)}/s`;
  const frac = Math.min(1, l.done / l.total);
  const filled = Math.round(frac * width);
  const eta = rate > 0 ? Math.max(0, Math.round((l.total - l.done) / rate)) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}% ${mib(l.done)}/${mib(l.total)} ${mib(rate)}/s ETA ${eta}s`;
}

const WORD = { done: 'done', failed: 'FAILED', skipped: 'skipped', interrupted: 'interrupted' } as const;

export function createProgress(out: NodeJS.WritableStream, tty: boolean, now: () => number = Date.now, opts: ProgressOptions = {}): ProgressReporter {
  const intervalMs = opts.intervalMs ?? 30_000;
  const live = new Map<string, Live>();
  let drawn = 0;
  let lastDraw = 0;
  const lastPct = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const clear = (): void => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[J`);
    drawn = 0;
  };
  const draw = (force = false): void => {
    if (!tty) return;
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    clear();
    const cols = (out as { columns?: number }).columns ?? 100;
    for (const l of live.values()) out.write(`${`  ${printable(l.name)}: ${bar(l, t)}`.slice(0, cols - 1)}\n`);
    drawn = live.size;
  };
  const line = (s: string): void => {
    if (tty) clear();
    out.write(`${s}\n`);
    draw(true);
  };
  const tick = (): void => {
    if (tty) {
      draw(true);
      return;
    }
    const t = now();
    for (const l of live.values()) {
      if (!l.glance || t - (l.lastLineAt ?? l.glance.since) < intervalMs) continue;
      l.lastLineAt = t;
      line(`${new Date(t).toISOString()}  ${printable(l.name)}: ${glanceText(l.glance, t)}`);
    }
  };
  const startTimer = (): void => {
    if (timer || opts.timer === false) return;
    // a second on a terminal (the elapsed time moves); plain lines are due at most every intervalMs
    timer = setInterval(tick, tty ? 1000 : Math.min(intervalMs, 5000));
    timer.unref();
  };

  return {
    onEvent(e) {
      const name = printable(e.name);
      if (e.type === 'start') {
        live.set(e.key, { name: e.name, text: e.action, startedAt: now() });
        startTimer();
        if (!tty) line(`${e.action} ${name} ...`);
        else draw(true);
      } else if (e.type === 'step') {
        const l = live.get(e.key);
        if (l) {
          l.text = printable(e.message);
          // a new step (a read-back after a download) starts its own byte count, and what Glance
          // said belongs to the step before (the wait sends it again after each status step)
          delete l.done;
          delete l.firstByteAt;
          delete l.glance;
        }
        if (!tty) line(`  ${name}: ${printable(e.message)}`);
        else draw();
      } else if (e.type === 'glance') {
        const l = live.get(e.key);
        if (l) l.glance = { status: e.status, importingTo: e.importingTo, since: e.waitingSince };
        draw();
      } else if (e.type === 'bytes') {
        const l = live.get(e.key);
        if (l) {
          l.firstByteAt ??= now();
          l.done = e.done;
          l.total = e.total;
          delete l.glance;
        }
        if (tty) return draw();
        const pct = e.total ? Math.floor((e.done / e.total) * 10) * 10 : -1;
        const key = `${e.key}\0${l?.text ?? ''}`;
        if (pct >= 0 && pct !== lastPct.get(key)) {
          lastPct.set(key, pct);
          line(`  ${name}: ${pct}% of ${mib(e.total ?? 0)}`);
        }
      } else {
        live.delete(e.key);
        line(`${WORD[e.type]}: ${name}${e.imageId ? ` [${e.imageId}]` : ''}: ${printable(e.message)}`);
      }
    },
    tick,
    finish() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (tty) clear();
      live.clear();
    },
  };
}
