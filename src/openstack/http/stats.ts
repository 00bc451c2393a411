/** Request counters, e.g. for `--debug` summaries and for tests asserting "one list = 2 GETs". */

export interface RequestStatsSnapshot {
  /** HTTP attempts sent, retries included. */
  requests: number;
  retries: number;
  /** Attempts that ended without an accepted status (HTTP error or connection failure). */
  failures: number;
  /** service → method → attempts. */
  byService: Record<string, Record<string, number>>;
}

export class RequestStats {
  requests = 0;
  retries = 0;
  failures = 0;
  private readonly counts = new Map<string, Map<string, number>>();

  recordRequest(service: string, method: string): void {
    this.requests++;
    let perService = this.counts.get(service);
    if (!perService) {
      perService = new Map();
      this.counts.set(service, perService);
    }
    perService.set(method, (perService.get(method) ?? 0) + 1);
  }

  recordRetry(): void {
    this.retries++;
  }

  recordFailure(): void {
    this.failures++;
  }

  /** Count for one service, optionally one method. */
  count(service: string, method?: string): number {
    const perService = this.counts.get(service);
    if (!perService) return 0;
    if (method) return perService.get(method) ?? 0;
    let sum = 0;
    for (const n of perService.values()) sum += n;
    return sum;
  }

  snapshot(): RequestStatsSnapshot {
    const byService: Record<string, Record<string, number>> = {};
    for (const [service, methods] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      byService[service] = Object.fromEntries([...methods].sort(([a], [b]) => a.localeCompare(b)));
    }
    return { requests: this.requests, retries: this.retries, failures: this.failures, byService };
  }

  toJSON(): RequestStatsSnapshot {
    return this.snapshot();
  }
}
