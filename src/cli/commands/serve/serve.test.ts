import { describe, expect, it } from 'vitest';
import { DEFAULT_SELECTION } from '../../../core/check/select-images.js';
import type { Image } from '../../../core/images/image.js';
import type { OpenStackClient } from '../../../openstack/client.js';
import { RequestStats } from '../../../openstack/http/stats.js';
import { promtool } from '../../../reporters/promtool.test-util.js';
import { resolveRuleSets } from '../../../usecases/check/resolve-rule-sets.js';
import { Monitor, type MonitorClock } from '../../../usecases/serve/monitor.js';
import { parseListen, startServer } from './http.js';
import { serveMetrics } from './metrics.js';
import { cycleLine } from './run.js';

const SECRET = 'gAAAAABsecret-token-value-0123456789abcdef';

/** A monitor over one fake cloud that fails on demand; timers never fire by themselves. */
async function monitorOf(fail: { now: boolean }) {
  const clock: MonitorClock = { now: () => new Date('2026-03-01T00:00:00Z'), setTimer: () => 0, clearTimer: () => {} };
  const rules = await resolveRuleSets({ standards: ['scs-0102-v2'], withRecommended: false, today: '2026-03-01' });
  const image: Image = { id: 'i1', name: 'Ubuntu 24.04', status: 'active', visibility: 'public', hidden: false, tags: [], properties: {} };
  const client = {
    cloud: 'prod',
    region: 'RegionOne',
    identity: { authUrl: 'http://keystone/v3', roles: [], catalog: [] },
    image: { endpoint: 'http://glance' },
    stats: new RequestStats(),
    close: async () => {},
  } as unknown as OpenStackClient;
  return new Monitor(
    [{ cloud: 'prod', name: 'prod' }],
    rules,
    {
      rules: { standards: ['scs-0102-v2'], withRecommended: false },
      selection: DEFAULT_SELECTION,
      strict: false,
      allCommunity: false,
      concurrency: 1,
      intervalMs: 60_000,
      clock,
    },
    {
      open: async () => client,
      list: async (c) => {
        c.stats.recordRequest('image', 'GET');
        // an error that echoes a token: nothing served or logged may carry it
        if (fail.now) throw new Error(`Glance answered 503 for X-Auth-Token: ${SECRET}`);
        return [image];
      },
    },
  );
}

describe('serve', () => {
  it('reads --listen as HOST:PORT or [IPv6]:PORT', () => {
    expect(parseListen('127.0.0.1:9842')).toEqual({ host: '127.0.0.1', port: 9842 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListen('localhost:80')).toEqual({ host: 'localhost', port: 80 });
    for (const bad of ['9842', ':9842', '127.0.0.1', '127.0.0.1:70000', '::1:80', 'a b:1']) expect(parseListen(bad)).toBeUndefined();
  });

  it('serves the last results from memory; a failed cloud is stale (success 0), its error never served', async () => {
    const fail = { now: false };
    const monitor = await monitorOf(fail);
    await monitor.runNow();
    fail.now = true;
    const s = await monitor.runNow();
    expect(cycleLine(s)).toMatch(/^cycle 2 in 0\.00 s: prod FAILED \(1 in a row, retry in 30 s; last results kept, stale\), 1 request \(image GET 1\): /);

    const text = serveMetrics(monitor, undefined, 'text');
    expect(text).toContain('scs_images_check_success{cloud="prod",region="RegionOne"} 0\n');
    expect(text).toContain('scs_images_check_consecutive_failures{cloud="prod",region="RegionOne"} 1\n');
    expect(text).toContain('# TYPE scs_images_serve_cycles_total counter\nscs_images_serve_cycles_total 2\n');
    // the kept results: the testcases of the last good check, not ABORTs
    expect(text).toMatch(/scs_images_testcase_result\{[^}]*testcase="scs-0102-prop-architecture"[^}]*\} -1/);
    expect(promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });

    const server = await startServer({ host: '127.0.0.1', port: 0 }, monitor, (d) => serveMetrics(monitor, undefined, d));
    try {
      const base = `http://127.0.0.1:${server.address.port}`;
      const om = await fetch(`${base}/metrics`, { headers: { Accept: 'application/openmetrics-text;version=1.0.0' } });
      expect(om.headers.get('content-type')).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
      const omText = await om.text();
      expect(omText.endsWith('# EOF\n')).toBe(true);
      const plain = await fetch(`${base}/metrics`);
      expect(plain.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const health = await fetch(`${base}/healthz`);
      const body = (await health.json()) as { status: string; cycles: number; clouds: Array<{ stale: boolean }> };
      expect(body).toMatchObject({ status: 'ok', cycles: 2, clouds: [{ target: 'prod', stale: true, consecutiveFailures: 1 }] });
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
      for (const page of [omText, await plain.text(), JSON.stringify(body)]) expect(page).not.toContain(SECRET);
    } finally {
      await server.close();
      await monitor.stop();
    }
  });
});
