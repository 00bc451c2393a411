import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Image } from '../core/images/image.js';
import { seededRandom } from '../util/seeded-random.test-util.js';
import { FakeGlance } from './fake-glance.test-util.js';
import { acquireLease, LEASE_TAG, LeaseHeldError, LeaseLostError, sweepLeases, type LeaseApi, type LeaseOptions } from './lease.js';

const TAG = 'managed_by_osism';

function options(g: FakeGlance, over: Partial<LeaseOptions> = {}): LeaseOptions {
  return {
    tag: TAG,
    projectId: g.owner,
    waitMs: 0,
    now: () => g.time,
    sleep: async (ms) => {
      g.time += ms;
    },
    host: 'host-a',
    pid: 100,
    processAlive: () => true,
    ...over,
  };
}

const leases = (g: FakeGlance): Image[] => [...g.images.values()].filter((i) => i.tags.includes(LEASE_TAG));

afterEach(() => {
  vi.useRealTimers();
});

describe('acquireLease', () => {
  it('holds a private, hidden lease for the tag while no other run does; release removes it', async () => {
    const g = new FakeGlance();
    const lease = await acquireLease(g, options(g));
    expect(leases(g)).toEqual([
      expect.objectContaining({ visibility: 'private', hidden: true, properties: expect.objectContaining({ scs_images_lease_for: TAG }) }),
    ]);
    await lease.release();
    expect(leases(g)).toEqual([]);
    expect(g.calls).toEqual(['create scs-images lease (managed_by_osism)', 'list', `patch ${lease.id} add/scs_images_lease_state`, `delete ${lease.id}`]);
  });

  it('another live lease: stops at once with the holder named, its own lease withdrawn, the other untouched', async () => {
    const g = new FakeGlance();
    const other = await acquireLease(g, options(g, { host: 'host-b', pid: 7 }));
    const err = await acquireLease(g, options(g)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeaseHeldError);
    expect((err as Error).message).toMatch(/another apply is running .*host-b, pid 7.*nothing was changed.*--lock-timeout/);
    expect(leases(g).map((l) => l.id)).toEqual([other.id]);
  });

  it('a lease of a run still deciding (not held) is retried, even without a wait, and not reported as held', async () => {
    const g = new FakeGlance();
    const deciding = await g.createImage({ name: 'x', visibility: 'private', hidden: true, tags: [LEASE_TAG], properties: { scs_images_lease_for: TAG } });
    let sleeps = 0;
    const lease = await acquireLease(
      g,
      options(g, {
        sleep: async (ms) => {
          g.time += ms;
          if (++sleeps === 2) g.images.delete(deciding.id); // it backed off
        },
      }),
    );
    expect(sleeps).toBe(2);
    expect(leases(g).map((l) => l.id)).toEqual([lease.id]);
  });

  it('leases for another tag do not count', async () => {
    const g = new FakeGlance();
    await acquireLease(g, options(g, { tag: 'other_tag', host: 'host-b' }));
    await expect(acquireLease(g, options(g))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('waits (with --lock-timeout) until the other run releases, saying whom it waits for', async () => {
    const g = new FakeGlance();
    const other = await acquireLease(g, options(g, { host: 'host-b' }));
    const waits: string[] = [];
    let sleeps = 0;
    const lease = await acquireLease(
      g,
      options(g, {
        waitMs: 60_000,
        onWait: (h) => waits.push(h.holder),
        sleep: async (ms) => {
          g.time += ms;
          if (++sleeps === 3) await other.release();
        },
      }),
    );
    expect(waits).toHaveLength(3);
    expect(waits[0]).toContain('host-b');
    expect(leases(g).map((l) => l.id)).toEqual([lease.id]);
  });

  it('gives up when the wait is over', async () => {
    const g = new FakeGlance();
    await acquireLease(g, options(g, { host: 'host-b' }));
    const started = g.time;
    await expect(acquireLease(g, options(g, { waitMs: 10_000 }))).rejects.toBeInstanceOf(LeaseHeldError);
    expect(g.time - started).toBeGreaterThanOrEqual(10_000);
    expect(g.time - started).toBeLessThan(14_000);
  });

  it("takes over a lease not renewed for its lease time, measured by Glance's clock", async () => {
    const g = new FakeGlance();
    await acquireLease(g, options(g, { host: 'host-b', ttlMs: 300_000 }));
    g.time += 299_000;
    await expect(acquireLease(g, options(g))).rejects.toBeInstanceOf(LeaseHeldError);
    g.time += 2_000;
    const taken: string[] = [];
    const lease = await acquireLease(g, options(g, { onTakeOver: (_h, why) => taken.push(why) }));
    expect(taken).toEqual([expect.stringMatching(/not renewed for 30\d s \(lease time 300 s\)/)]);
    expect(leases(g).map((l) => l.id)).toEqual([lease.id]);
  });

  it('takes over the lease of a process that no longer exists on this host, not of one on another host', async () => {
    const g = new FakeGlance();
    await acquireLease(g, options(g, { host: 'host-b', pid: 42 }));
    const dead = (pid: number) => pid !== 42;
    await expect(acquireLease(g, options(g, { processAlive: dead }))).rejects.toBeInstanceOf(LeaseHeldError);
    const g2 = new FakeGlance();
    await acquireLease(g2, options(g2, { pid: 42 }));
    const taken: string[] = [];
    await acquireLease(g2, options(g2, { processAlive: dead, onTakeOver: (_h, why) => taken.push(why) }));
    expect(taken).toEqual(['process 42 on host-a no longer exists']);
  });

  it('renews the lease; a lease removed by another run aborts `lost` with LeaseLostError', async () => {
    vi.useFakeTimers();
    const g = new FakeGlance();
    const lease = await acquireLease(g, options(g, { ttlMs: 30_000 }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(g.images.get(lease.id)!.properties['scs_images_lease_renewals']).toBe('1');
    expect(lease.lost.aborted).toBe(false);
    g.images.delete(lease.id);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(lease.lost.aborted).toBe(true);
    expect(lease.lost.reason).toBeInstanceOf(LeaseLostError);
    await lease.release();
  });
});

/** Every call yields a random number of times before and after it, and moves Glance's clock. */
function interleaved(g: FakeGlance, random: () => number): LeaseApi {
  const yieldSome = async (): Promise<void> => {
    for (let i = Math.floor(random() * 4); i > 0; i--) await new Promise((r) => setImmediate(r));
  };
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      await yieldSome();
      g.time += Math.floor(random() * 700);
      const r = await fn(...a);
      await yieldSome();
      return r;
    };
  return {
    createImage: wrap((o) => g.createImage(o)),
    listAllImages: wrap((o) => g.listAllImages(o)),
    updateImage: wrap((id, ops) => g.updateImage(id, ops)),
    deleteImage: wrap((id, o) => g.deleteImage(id, o)),
  } as LeaseApi;
}

describe('two runs at the same moment (seeded interleavings)', () => {
  it('never hold the lease at the same time, and with a wait both get it in turn', async () => {
    let together = 0;
    let bothDone = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const g = new FakeGlance();
      const api = interleaved(g, random);
      let holding = 0;
      const run = async (host: string, waitMs: number): Promise<boolean> => {
        try {
          const lease = await acquireLease(api, {
            ...options(g, { host, waitMs, random }),
            sleep: async (ms) => {
              g.time += ms;
              await new Promise((r) => setImmediate(r));
            },
          });
          if (++holding > 1) together++;
          for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
          holding--;
          await lease.release();
          return true;
        } catch (e) {
          if (!(e instanceof LeaseHeldError)) throw e;
          return false;
        }
      };
      const waitMs = seed % 2 === 0 ? 600_000 : 0;
      const [a, b] = await Promise.all([run('host-a', waitMs), run('host-b', waitMs)]);
      if (waitMs > 0) expect([a, b], `seed ${seed}`).toEqual([true, true]);
      else expect(a || b, `seed ${seed}: both gave up`).toBe(true);
      if (a && b) bothDone++;
      expect(leases(g), `seed ${seed}: leases left`).toEqual([]);
    }
    expect(together).toBe(0);
    expect(bothDone).toBeGreaterThanOrEqual(150);
  });
});

/** The lease API of a run that was killed: its lease is never renewed (nor released). */
const frozen = (g: FakeGlance): LeaseApi => ({
  createImage: (o) => g.createImage(o),
  listAllImages: (o) => g.listAllImages(o),
  deleteImage: (id, o) => g.deleteImage(id, o),
  updateImage: async (id, ops) => (ops.some((op) => op.path.endsWith('_renewals')) ? g.getImage(id) : g.updateImage(id, ops)),
});

describe('sweepLeases (a run with nothing to do, doctor)', () => {
  it('removes leases whose holder is provably gone and keeps the others, naming each', async () => {
    const g = new FakeGlance();
    // three leases taken and never released (their runs were killed): one of a dead process here,
    // one of a live process here, one of another host; renewals never happen
    await acquireLease(frozen(g), options(g, { tag: 'a', pid: 42 }));
    await acquireLease(frozen(g), options(g, { tag: 'b', pid: 43 }));
    await acquireLease(frozen(g), options(g, { tag: 'c', host: 'host-b', pid: 42 }));
    const removed: string[] = [];
    const report = await sweepLeases(g, {
      projectId: g.owner,
      glanceNow: g.time,
      remove: true,
      host: 'host-a',
      processAlive: (pid) => pid !== 42,
      onRemoved: (h, why) => removed.push(`${h.pid} ${why}`),
    });
    expect(removed).toEqual(['42 process 42 on host-a no longer exists']);
    expect(report.map((r) => [r.tag, r.state, r.removed])).toEqual([
      ['a', 'held', true],
      ['b', 'held', false],
      ['c', 'held', false],
    ]);
    expect(
      leases(g)
        .map((l) => l.properties['scs_images_lease_for'])
        .sort(),
    ).toEqual(['b', 'c']);
    // past their lease time by Glance's clock, the others go too, whichever host took them
    const later = await sweepLeases(g, { projectId: g.owner, glanceNow: g.time + 301_000, remove: true, host: 'host-a', processAlive: () => true });
    expect(later.map((r) => r.gone)).toEqual([expect.stringMatching(/not renewed for 30\d s/), expect.stringMatching(/not renewed/)]);
    expect(leases(g)).toEqual([]);
  });

  it('only reports when told not to remove', async () => {
    const g = new FakeGlance();
    await acquireLease(frozen(g), options(g, { pid: 42 }));
    const report = await sweepLeases(g, { projectId: g.owner, glanceNow: g.time, remove: false, host: 'host-a', processAlive: () => false });
    expect(report).toEqual([expect.objectContaining({ gone: 'process 42 on host-a no longer exists', removed: false })]);
    expect(leases(g)).toHaveLength(1);
  });
});
