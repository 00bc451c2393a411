/**
 * A unified diff of two texts by lines, for `update --dry-run`. Myers' O(ND) algorithm: the
 * edits are a few lines in files of a few hundred, so this is fast and needs no dependency.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** `diff -u` style output ('' when equal), with `context` unchanged lines around each change. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const h of hunks(ops, context)) out.push(...h);
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Shortest edit script (Myers 1986), backtracked into keep/delete/insert operations. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] as string });
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ kind: '+', line: b[--y] as string });
      else ops.push({ kind: '-', line: a[--x] as string });
    }
  }
  return ops.reverse();
}

function hunks(ops: readonly Op[], context: number): string[][] {
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const out: string[][] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, (changed[i] as number) - context);
    let end = (changed[i] as number) + context + 1;
    while (i + 1 < changed.length && (changed[i + 1] as number) - context <= end) end = (changed[++i] as number) + context + 1;
    end = Math.min(end, ops.length);
    i++;
    let oldStart = 1;
    let newStart = 1;
    for (let j = 0; j < start; j++) {
      if ((ops[j] as Op).kind !== '+') oldStart++;
      if ((ops[j] as Op).kind !== '-') newStart++;
    }
    const body = ops.slice(start, end);
    const oldLen = body.filter((o) => o.kind !== '+').length;
    const newLen = body.filter((o) => o.kind !== '-').length;
    out.push([`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`, ...body.map((o) => `${o.kind}${o.line}`)]);
  }
  return out;
}

/** As GNU diff -u: `start,len`; `start` alone for one line; the line before the position when empty. */
function range(start: number, len: number): string {
  return len === 0 ? `${start - 1},0` : len === 1 ? `${start}` : `${start},${len}`;
}
