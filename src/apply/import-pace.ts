/**
 * When to look first. Polling an import right away mostly finds it unfinished, and every early
 * look is a request; the imports of one run are alike (same cloud, similar images), so the first
 * poll is scheduled at a little under the median time the earlier imports of the run took. The
 * backoff after it stays the same, so a slow import is still noticed in time.
 */
export class ImportPace {
  private readonly seen: number[] = [];
  constructor(
    private readonly minMs = 400,
    private readonly maxMs = 5000,
  ) {}

  observe(ms: number): void {
    this.seen.push(ms);
  }

  firstDelay(): number {
    if (this.seen.length === 0) return this.minMs;
    const sorted = [...this.seen].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    return Math.round(Math.min(this.maxMs, Math.max(this.minMs, median * 0.85)));
  }
}
