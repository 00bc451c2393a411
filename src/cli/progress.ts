/**
 * Apply progress for people. On a terminal: one live line per running import (bar, bytes, rate,
 * ETA for streamed downloads; the current step otherwise) under the finished lines. Elsewhere
 * (CI logs, files): plain timestamp-free log lines, byte progress at most every 10 %.
 */
import type { ApplyEvent } from '../apply/types.js';
import { printable } from '../reporters/common.js';

export interface ProgressReporter {
  onEvent(e: ApplyEvent): void;
  /** Remove the live lines (before the summary is printed). */
  finish(): void;
}

interface Live {
  name: string;
  text: string;
  done?: number;
  total?: number | undefined;
  startedAt: number;
  firstByteAt?: number;
}

const MiB = 1024 * 1024;
const mib = (n: number): string => `${(n / MiB).toFixed(1)} MiB`;

function bar(l: Live, now: number, width = 24): string {
  if (l.done === undefined) return l.text;
  const secs = Math.max(0.001, (now - (l.firstByteAt ?? l.startedAt)) / 1000);
  const rate = l.done / secs;
  if (!l.total) return `${mib(l.done)} ${mib(rate)}/s`;
  const frac = Math.min(1, l.done / l.total);
  const filled = Math.round(frac * width);
  const eta = rate > 0 ? Math.max(0, Math.round((l.total - l.done) / rate)) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}% ${mib(l.done)}/${mib(l.total)} ${mib(rate)}/s ETA ${eta}s`;
}

const WORD = { done: 'done', failed: 'FAILED', skipped: 'skipped' } as const;

export function createProgress(out: NodeJS.WritableStream, tty: boolean, now: () => number = Date.now): ProgressReporter {
  const live = new Map<string, Live>();
  let drawn = 0;
  let lastDraw = 0;
  const lastPct = new Map<string, number>();

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

  return {
    onEvent(e) {
      const name = printable(e.name);
      if (e.type === 'start') {
        live.set(e.key, { name: e.name, text: e.action, startedAt: now() });
        if (!tty) line(`${e.action} ${name} ...`);
        else draw(true);
      } else if (e.type === 'step') {
        const l = live.get(e.key);
        if (l) l.text = printable(e.message);
        if (!tty) line(`  ${name}: ${printable(e.message)}`);
        else draw();
      } else if (e.type === 'bytes') {
        const l = live.get(e.key);
        if (l) {
          l.firstByteAt ??= now();
          l.done = e.done;
          l.total = e.total;
        }
        if (tty) return draw();
        const pct = e.total ? Math.floor((e.done / e.total) * 10) * 10 : -1;
        if (pct >= 0 && pct !== lastPct.get(e.key)) {
          lastPct.set(e.key, pct);
          line(`  ${name}: ${pct}% of ${mib(e.total ?? 0)}`);
        }
      } else {
        live.delete(e.key);
        line(`${WORD[e.type]}: ${name}: ${printable(e.message)}`);
      }
    },
    finish() {
      if (tty) clear();
      live.clear();
    },
  };
}
