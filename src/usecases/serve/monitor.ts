/**
 * The monitor behind `scs-images serve`: checks a fleet of clouds again and again and keeps the
 * latest results in memory, so that a scrape never causes a cloud request.
 *
 * - Targets (clouds × regions) and rules are resolved once, at the start: a cloud clouds.yaml does
 *   not know, or a bad spec, ends the run before anything is served (usecases/fleet.ts's rule).
 * - Each target keeps its opened client, so its token is reused until Keystone's expiry (the
 *   session re-authenticates by itself), and a cycle of an unchanged catalogue of up to 1,000 images
 *   costs one Glance GET (the listing of check: partitioned-listing.ts).
 * - A target that fails keeps its last good results, marked stale, and is retried with backoff
 *   (retryBase, doubling, at most the interval); one that succeeds is checked again after the interval.
 * - Time and timers are injected: tests drive cycles without sleeping, and await `whenCycle(n)`.
 */
import { buildReport, type CheckReport, type Subject, type SubjectInput } from '../../core/check/report.js';
import { abortRuleSets } from '../../core/check/rule-sets.js';
import type { ImageSelection } from '../../core/check/select-images.js';
import { dayOf } from '../../core/clock.js';
import type { Image } from '../../core/images/image.js';
import type { OpenStackClient } from '../../openstack/client.js';
import type { RequestStatsSnapshot } from '../../openstack/http/stats.js';
import { listCheckImages } from '../../openstack/image-listings.js';
import { openCloud, type OpenCloudOptions } from '../../openstack/open-cloud.js';
import { VERSION } from '../../version.js';
import { cloudSubject } from '../check/collect-subjects.js';
import { checkListedImages } from '../check/run-check.js';
import { resolveRuleSets, type ResolvedRuleSets, type RuleSetRequest } from '../check/resolve-rule-sets.js';
import { resolveTargets, runFleet, targetLabel, type FleetSelection, type FleetTarget } from '../fleet.js';

/** The scheduling seam: the system's clock and timers, or a test's. */
export interface MonitorClock {
  now(): Date;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: MonitorClock = {
  now: () => new Date(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** How a target is opened and listed (the real cloud, or a test's fakes). */
export interface MonitorDeps {
  open(target: FleetTarget): Promise<OpenStackClient>;
  list(client: OpenStackClient): Promise<Image[]>;
}

export interface MonitorOptions {
  rules: Omit<RuleSetRequest, 'today'>;
  selection: ImageSelection;
  strict: boolean;
  /** FAIL where the official test aborts on its input (default: ABORT, as the certificate shows it). */
  strictReading?: boolean;
  allCommunity: boolean;
  /** Targets checked at the same time. */
  concurrency: number;
  intervalMs: number;
  /** First retry of a failed target; doubles up to intervalMs. Default: 30 s, or the interval if shorter. */
  retryBaseMs?: number;
  clock?: MonitorClock;
}

export interface MonitorRequest extends MonitorOptions {
  fleet: FleetSelection;
  connection: Omit<OpenCloudOptions, 'cloud' | 'region' | 'env'>;
  listStreams?: number | undefined;
  env: NodeJS.ProcessEnv;
}

/** One target's part of a cycle, for the log line. */
export interface TargetCycle {
  label: string;
  ok: boolean;
  verdict?: CheckReport['verdict'];
  /** HTTP requests this check sent, per service and method (the client's stats). */
  requests: Record<string, Record<string, number>>;
  error?: string;
  /** Consecutive failures so far, and when the next attempt is (after a failure). */
  failures: number;
  retryInMs?: number;
}

export interface CycleSummary {
  cycle: number;
  startedAt: Date;
  durationMs: number;
  targets: TargetCycle[];
}

/** What the exporter shows of a target. */
export interface TargetView {
  label: string;
  input: SubjectInput;
  /** When `input` was obtained (the last success, or the last failed attempt when there was none). */
  checkedAt: Date;
  stale: boolean;
  failures: number;
  /** Requests of the last check, per service. */
  requests: Record<string, number>;
}

interface TargetState {
  target: FleetTarget;
  client?: OpenStackClient;
  last?: { input: SubjectInput; at: Date };
  failed?: { input: SubjectInput; at: Date; error: string };
  failures: number;
  dueAt: number;
  requests: Record<string, number>;
}

const total = (byService: Record<string, Record<string, number>>): number =>
  Object.values(byService).reduce((n, methods) => n + Object.values(methods).reduce((a, b) => a + b, 0), 0);

/** `after - before`, per service and method. */
function requestsBetween(before: RequestStatsSnapshot | undefined, after: RequestStatsSnapshot): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [service, methods] of Object.entries(after.byService)) {
    for (const [method, n] of Object.entries(methods)) {
      const d = n - (before?.byService[service]?.[method] ?? 0);
      if (d > 0) (out[service] ??= {})[method] = d;
    }
  }
  return out;
}

export class Monitor {
  private readonly clock: MonitorClock;
  private readonly states: TargetState[];
  private rules: ResolvedRuleSets;
  private rulesDay: string;
  private timer: unknown;
  private running: Promise<CycleSummary> | undefined;
  private forceNext = false;
  private stopped = false;
  private cycles = 0;
  private lastSummary: CycleSummary | undefined;
  private readonly waiters: Array<{ n: number; resolve: (s: CycleSummary) => void }> = [];
  private readonly listeners: Array<(s: CycleSummary) => void> = [];

  constructor(
    targets: readonly FleetTarget[],
    rules: ResolvedRuleSets,
    private readonly opts: MonitorOptions,
    private readonly deps: MonitorDeps,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.rules = rules;
    this.rulesDay = dayOf(this.clock.now());
    this.states = targets.map((target) => ({ target, failures: 0, dueAt: 0, requests: {} }));
  }

  /** Resolve targets and rules (bad input throws here, before anything is served). */
  static async create(req: MonitorRequest): Promise<Monitor> {
    const clock = req.clock ?? systemClock;
    const conn = { ...req.connection, env: req.env };
    const targets = await resolveTargets(req.fleet, conn, req.concurrency);
    const rules = await resolveRuleSets({ ...req.rules, today: dayOf(clock.now()) });
    const listing = { includeHidden: req.selection.includeHidden, allCommunity: req.allCommunity, listStreams: req.listStreams, trace: req.connection.trace };
    return new Monitor(targets, rules, req, {
      open: (t) => openCloud({ ...conn, cloud: t.cloud, region: t.region }),
      list: (client) => listCheckImages(client, listing),
    });
  }

  get targetLabels(): string[] {
    return this.states.map((s) => targetLabel(s.target));
  }

  get cycleCount(): number {
    return this.cycles;
  }

  get lastCycle(): CycleSummary | undefined {
    return this.lastSummary;
  }

  /** Called after every cycle (the CLI's log line). */
  onCycle(listener: (s: CycleSummary) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves when `n` cycles have ended (at once if they have). */
  whenCycle(n: number): Promise<CycleSummary> {
    if (this.cycles >= n && this.lastSummary) return Promise.resolve(this.lastSummary);
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  /** The first cycle now; later ones as targets fall due. */
  start(): void {
    this.schedule(0);
  }

  /** A cycle of every target now (SIGHUP); joins one under way and runs another after it. */
  runNow(): Promise<CycleSummary> {
    if (this.stopped) return Promise.reject(new Error('the monitor is stopped'));
    this.forceNext = true;
    if (this.running) return this.running.then(() => this.runNow());
    this.cancelTimer();
    return this.cycle();
  }

  /** Stops the timer, lets a cycle under way finish, and closes every client. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    await this.running?.catch(() => undefined);
    await Promise.all(this.states.map((s) => s.client?.close().catch(() => undefined)));
    for (const s of this.states) delete s.client;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.stopped) return;
    this.timer = this.clock.setTimer(
      () => {
        this.timer = undefined;
        // a cycle catches every target's error; anything else must not stop the schedule
        this.cycle().catch(() => {
          this.running = undefined;
          this.schedule(this.opts.intervalMs);
        });
      },
      Math.max(0, ms),
    );
  }

  private cycle(): Promise<CycleSummary> {
    const run = this.runCycle();
    this.running = run;
    return run;
  }

  private async runCycle(): Promise<CycleSummary> {
    const started = this.clock.now();
    const force = this.forceNext;
    this.forceNext = false;
    const due = this.states.filter((s) => force || s.dueAt <= started.getTime());
    await this.refreshRules(started);
    const results = await runFleet(
      due.map((s) => s.target),
      { concurrency: this.opts.concurrency },
      (target) => this.checkTarget(this.states.find((s) => s.target === target)!, started.getTime()),
    );
    const summary: CycleSummary = {
      cycle: ++this.cycles,
      startedAt: started,
      durationMs: this.clock.now().getTime() - started.getTime(),
      targets: results.map((r) =>
        'value' in r ? r.value : { label: targetLabel(r.target), ok: false, requests: {}, failures: 0, error: 'error' in r ? String(r.error) : 'skipped' },
      ),
    };
    this.lastSummary = summary;
    // over before anyone hears of it: a runNow() from a listener starts a new cycle
    this.running = undefined;
    if (!this.stopped) {
      const next = Math.min(...this.states.map((s) => s.dueAt));
      this.schedule(next - this.clock.now().getTime());
    }
    for (const l of this.listeners) l(summary);
    for (const w of this.waiters.filter((w) => w.n <= this.cycles)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(summary);
    }
    return summary;
  }

  /** The scope version and recency depend on the day: the rules are resolved again when it changes. */
  private async refreshRules(now: Date): Promise<void> {
    const day = dayOf(now);
    if (day === this.rulesDay) return;
    try {
      this.rules = await resolveRuleSets({ ...this.opts.rules, today: day });
      this.rulesDay = day;
    } catch {
      // keep yesterday's rules: they were valid, and a file that went bad is no reason to stop
    }
  }

  /** `cycleStart`: what the next due time counts from, so the targets of one cycle stay together. */
  private async checkTarget(s: TargetState, cycleStart: number): Promise<TargetCycle> {
    const label = targetLabel(s.target);
    const now = this.clock.now();
    const ctx = { now, collapseDuplicates: this.opts.selection.collapseDuplicates, strictReading: this.opts.strictReading };
    const before = s.client?.stats.snapshot();
    let requests: Record<string, Record<string, number>> = {};
    try {
      if (s.target.error) throw s.target.error;
      s.client ??= await this.deps.open(s.target);
      const images = await this.deps.list(s.client);
      requests = requestsBetween(before, s.client.stats.snapshot());
      const input = checkListedImages(cloudSubject(s.client), images, this.rules.ruleSets, {
        selection: this.opts.selection,
        allCommunity: this.opts.allCommunity,
        ctx,
      });
      s.last = { input, at: now };
      delete s.failed;
      s.failures = 0;
      s.dueAt = cycleStart + this.opts.intervalMs;
      s.requests = Object.fromEntries(Object.entries(requests).map(([k, v]) => [k, total({ [k]: v })]));
      const verdict = buildReport({ ...this.reportBase(now), subjects: [input] }).verdict;
      return { label, ok: true, verdict, requests, failures: 0 };
    } catch (e) {
      if (s.client) requests = requestsBetween(before, s.client.stats.snapshot());
      const error = `could not list the cloud's images: ${e instanceof Error ? e.message : String(e)}`;
      const subject: Subject = s.client
        ? cloudSubject(s.client)
        : { kind: 'cloud', name: s.target.name ?? s.target.cloud ?? 'default', ...(s.target.region ? { region: s.target.region } : {}) };
      s.failed = { input: { subject, images: { listed: 0, considered: 0 }, testcases: abortRuleSets(this.rules.ruleSets, error, ctx), error }, at: now, error };
      s.failures++;
      const base = this.opts.retryBaseMs ?? Math.min(30_000, this.opts.intervalMs);
      const retryInMs = Math.min(this.opts.intervalMs, base * 2 ** Math.min(s.failures - 1, 30));
      s.dueAt = cycleStart + retryInMs;
      s.requests = Object.fromEntries(Object.entries(requests).map(([k, v]) => [k, total({ [k]: v })]));
      return { label, ok: false, requests, error, failures: s.failures, retryInMs };
    }
  }

  private reportBase(now: Date) {
    return {
      toolVersion: VERSION,
      checkedAt: now,
      ...(this.rules.scope ? { scope: this.rules.scope } : {}),
      modules: this.rules.modules,
      warnings: this.rules.warnings,
      options: {
        visibilities: this.opts.selection.visibilities.slice(),
        includeHidden: this.opts.selection.includeHidden,
        allCommunity: this.opts.allCommunity,
        strict: this.opts.strict,
        strictReading: this.opts.strictReading === true,
        collapseDuplicates: this.opts.selection.collapseDuplicates,
      },
    };
  }

  /** Each target as the exporter shows it: its last good results (stale after a failure), else its failure. */
  views(): TargetView[] {
    return this.states.flatMap((s): TargetView[] => {
      const shown = s.last ?? s.failed;
      if (!shown) return [];
      return [
        {
          label: targetLabel(s.target),
          input: shown.input,
          checkedAt: shown.at,
          stale: s.failed !== undefined,
          failures: s.failures,
          requests: s.requests,
        },
      ];
    });
  }

  /** The latest results of every target that has had a check, as one report (subjects in target order). */
  report(): { report: CheckReport; views: TargetView[] } {
    const views = this.views();
    const now = this.clock.now();
    return { report: buildReport({ ...this.reportBase(now), subjects: views.map((v) => v.input) }), views };
  }
}

export { total as totalRequests };
