import { beforeAll, describe, expect, it } from 'vitest';
import type { Image } from '../../core/images/image.js';
import type { OpenStackClient } from '../../openstack/client.js';
import { RequestStats } from '../../openstack/http/stats.js';
import { DEFAULT_SELECTION } from '../../core/check/select-images.js';
import { resolveRuleSets, type ResolvedRuleSets } from '../check/resolve-rule-sets.js';
import type { FleetTarget } from '../fleet.js';
import { Monitor, type MonitorClock, type MonitorDeps } from './monitor.js';

/** Timers that fire only when the test moves the clock: no sleeping, no real time. */
class ManualClock implements MonitorClock {
  private t = Date.parse('2026-03-01T00:00:00Z');
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now = (): Date => new Date(this.t);
  setTimer = (fn: () => void, ms: number): unknown => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimer = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  get pending(): number[] {
    return this.timers.map((x) => x.at - this.t);
  }
  /** Moves the clock and fires the timers that fall due. */
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fn();
  }
}

const image = (id: string, name: string): Image => ({ id, name, status: 'active', visibility: 'public', hidden: false, tags: [], properties: {} });

/** A cloud whose listing the test controls; every listing counts one Glance GET, every open one Keystone POST. */
class FakeCloud {
  images: Image[] = [image('i1', 'Ubuntu 24.04')];
  failing: string | undefined;
  opened = 0;
  closed = 0;
  constructor(readonly name: string) {}
  client(): OpenStackClient {
    const stats = new RequestStats();
    stats.recordRequest('identity', 'POST');
    this.opened++;
    return {
      cloud: this.name,
      region: 'RegionOne',
      identity: { authUrl: 'http://keystone/v3', roles: [], catalog: [] },
      image: { endpoint: 'http://glance' },
      stats,
      close: async () => {
        this.closed++;
      },
    } as unknown as OpenStackClient;
  }
}

function deps(clouds: Record<string, FakeCloud>): MonitorDeps {
  return {
    open: async (t) => clouds[t.cloud!]!.client(),
    list: async (client) => {
      const cloud = clouds[client.cloud]!;
      client.stats.recordRequest('image', 'GET');
      if (cloud.failing) throw new Error(cloud.failing);
      return [...cloud.images];
    },
  };
}

let rules: ResolvedRuleSets;
beforeAll(async () => {
  rules = await resolveRuleSets({ standards: ['scs-0102-v2'], withRecommended: false, today: '2026-03-01' });
});

const MIN = 60_000;

function setup(names: string[], more: { retryBaseMs?: number } = {}) {
  const clock = new ManualClock();
  const clouds = Object.fromEntries(names.map((n) => [n, new FakeCloud(n)]));
  const targets: FleetTarget[] = names.map((n) => ({ cloud: n, name: n }));
  const monitor = new Monitor(
    targets,
    rules,
    {
      rules: { standards: ['scs-0102-v2'], withRecommended: false },
      selection: DEFAULT_SELECTION,
      strict: false,
      allCommunity: false,
      concurrency: 2,
      intervalMs: 15 * MIN,
      clock,
      ...more,
    },
    deps(clouds),
  );
  return { clock, clouds, monitor };
}

describe('the serve monitor', () => {
  it('checks at once, then every interval, reusing the opened client (one Glance GET per cycle)', async () => {
    const { clock, clouds, monitor } = setup(['a', 'b']);
    monitor.start();
    clock.advance(0);
    const first = await monitor.whenCycle(1);
    expect(first.targets.map((t) => [t.label, t.ok, t.requests])).toEqual([
      ['a', true, { identity: { POST: 1 }, image: { GET: 1 } }],
      ['b', true, { identity: { POST: 1 }, image: { GET: 1 } }],
    ]);
    expect(clock.pending).toEqual([15 * MIN]);
    clock.advance(15 * MIN);
    const second = await monitor.whenCycle(2);
    expect(second.targets.map((t) => t.requests)).toEqual([{ image: { GET: 1 } }, { image: { GET: 1 } }]);
    expect(clouds['a']!.opened).toBe(1);
    const { report, views } = monitor.report();
    expect(report.subjects.map((s) => s.subject.name)).toEqual(['a', 'b']);
    expect(views.map((v) => [v.stale, v.requests])).toEqual([
      [false, { image: 1 }],
      [false, { image: 1 }],
    ]);
    await monitor.stop();
    expect(clouds['a']!.closed).toBe(1);
    expect(clock.pending).toEqual([]);
  });

  it('a failing cloud keeps its last results, stale, and is retried with doubling backoff up to the interval', async () => {
    const { clock, clouds, monitor } = setup(['a', 'b'], { retryBaseMs: MIN });
    monitor.start();
    clock.advance(0);
    await monitor.whenCycle(1);
    clouds['b']!.images.push(image('i2', 'Debian 12'));
    clouds['a']!.failing = 'Glance answered 503';

    const retries: number[] = [];
    for (let n = 2; n <= 6; n++) {
      clock.advance(clock.pending[0]!);
      const s = await monitor.whenCycle(n);
      const a = s.targets.find((t) => t.label === 'a');
      if (a) retries.push(a.retryInMs!);
    }
    // a fails at 15 min and is retried after 1, 2, 4, 8 minutes; at 30 min (b's next cycle too) the
    // backoff reaches the interval
    expect(retries).toEqual([MIN, 2 * MIN, 4 * MIN, 8 * MIN, 15 * MIN]);
    const view = monitor.views().find((v) => v.label === 'a')!;
    expect(view.stale).toBe(true);
    expect(view.failures).toBe(5);
    expect(view.input.images.listed).toBe(1); // the last good listing, not the failure
    expect(view.checkedAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(monitor.report().report.subjects[0]!.error).toBeUndefined();

    clouds['a']!.failing = undefined;
    clock.advance(clock.pending[0]!);
    const healed = await monitor.whenCycle(7);
    expect(healed.targets.find((t) => t.label === 'a')).toMatchObject({ ok: true, failures: 0 });
    expect(monitor.views().find((v) => v.label === 'a')!.stale).toBe(false);
    await monitor.stop();
  });

  it('a cloud that never succeeded shows its failure: every testcase ABORT', async () => {
    const { clock, clouds, monitor } = setup(['a']);
    clouds['a']!.failing = 'connection refused';
    monitor.start();
    clock.advance(0);
    const s = await monitor.whenCycle(1);
    expect(s.targets[0]).toMatchObject({ ok: false, failures: 1, retryInMs: 30_000 });
    const { report, views } = monitor.report();
    expect(views[0]!.stale).toBe(true);
    expect(report.subjects[0]!.error).toMatch(/connection refused/);
    expect(report.subjects[0]!.testcases.every((t) => t.verdict === 'ABORT')).toBe(true);
    await monitor.stop();
  });

  it('runNow checks every cloud at once, after a cycle under way; stop lets a cycle finish', async () => {
    const { clock, clouds, monitor } = setup(['a']);
    monitor.start();
    clock.advance(0);
    await monitor.whenCycle(1);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = deps(clouds);
    const originalList = slow.list;
    // hold the next listing until the test lets it go
    (monitor as unknown as { deps: MonitorDeps }).deps.list = async (c) => {
      await gate;
      return originalList(c);
    };
    const forced = monitor.runNow();
    const again = monitor.runNow(); // joins: one more cycle after the one under way
    const stopped = monitor.stop();
    release();
    const s = await forced;
    expect(s.cycle).toBe(2);
    await stopped;
    await expect(again).rejects.toThrow(/stopped/);
    expect(clock.pending).toEqual([]);
    expect(clouds['a']!.closed).toBe(1);
  });
});
