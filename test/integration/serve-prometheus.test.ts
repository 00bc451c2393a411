// `scs-images serve` scraped by a real Prometheus (Debian's prometheus 2.x) with the shipped alert
// rules, against the real local Keystone + Glance: the verdicts read back through Prometheus' HTTP
// API, then a hand-made public image without properties makes the cloud fail scs-0102, SIGHUP
// triggers the next cycle, and both the sample and the alert change. No fixed sleeps: every wait
// is an event (a log line) or a poll of Prometheus' API with a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../harness/poll.js';
import { freePorts } from '../harness/ports.js';
import { cliEnv } from '../harness/run-cli.js';
import { createImage, deleteAllImages } from '../harness/seed.js';
import { testCloud } from '../harness/test-clouds.js';

const cloud = testCloud();
const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));
const RULES = fileURLToPath(new URL('../../deploy/prometheus/scs-images-rules.yaml', import.meta.url));
const TESTCASE = 'scs-0102-prop-architecture';

/** A child whose output is kept, with a wait for a line that matches (resolved by the data event). */
class Watched {
  out = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waits: Array<{ re: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  constructor(readonly child: ChildProcess) {
    const onData = (d: Buffer) => {
      this.out += d.toString('utf8');
      for (const w of [...this.waits]) {
        const m = this.out.match(w.re);
        if (m) {
          this.waits.splice(this.waits.indexOf(w), 1);
          w.resolve(m);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }
  /** The first match of `re` in the output so far or to come; fails at the deadline or when the process ends. */
  wait(re: RegExp, what: string, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const m = this.out.match(re);
    if (m) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output:\n${this.out}`)), timeoutMs);
      void this.exit.then((e) => reject(new Error(`exited (${e.code ?? e.signal}) before ${what}; output:\n${this.out}`)));
      this.waits.push({
        re,
        resolve: (x) => {
          clearTimeout(timer);
          resolve(x);
        },
      });
    });
  }
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      const e = await this.exit;
      clearTimeout(killer);
      return e;
    }
    return this.exit;
  }
}

let dir: string;
let serve: Watched | undefined;
let prometheus: Watched | undefined;
let promUrl: string;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface Alert {
  labels: Record<string, string>;
  state: string;
}

async function api<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${promUrl}${pathAndQuery}`);
  const body = (await res.json()) as { status: string; data: T };
  if (body.status !== 'success') throw new Error(`${pathAndQuery}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Polls Prometheus until the testcase's latest sample has `value`. */
function resultBecomes(value: string): Promise<Sample> {
  const q = encodeURIComponent(`scs_images_testcase_result{cloud="local-admin",testcase="${TESTCASE}"}`);
  return pollUntil(
    async () => {
      const data = await api<{ result: Sample[] }>(`/api/v1/query?query=${q}`);
      return data.result.find((s) => s.value[1] === value);
    },
    { timeoutMs: 20_000, intervalMs: 200, what: `${TESTCASE} = ${value} in Prometheus` },
  );
}

const failingAlerts = async (): Promise<Alert[]> =>
  (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts.filter((a) => a.labels['alertname'] === 'ScsImagesMandatoryTestcaseFailing');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-serve-prom-'));
  await deleteAllImages(cloud);
  // scs-0102 v2 alone: an empty catalogue passes every testcase, one image without properties fails them
  serve = new Watched(
    spawn(process.execPath, [BIN, 'serve', '--cloud', 'local-admin', '--standard', 'scs-0102-v2', '--listen', '127.0.0.1:0', '--interval', '3600'], {
      env: cliEnv({ OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const [, port] = await serve.wait(/listening on http:\/\/127\.0\.0\.1:(\d+)\/metrics/, 'serve to listen');
  await serve.wait(/cycle 1 in /, 'the first cycle');

  const [promPort] = await freePorts(1);
  promUrl = `http://127.0.0.1:${promPort}`;
  const config = path.join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${JSON.stringify(RULES)}`,
      'scrape_configs:',
      '  - job_name: scs-images',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${port}']`,
      '',
    ].join('\n'),
  );
  prometheus = new Watched(
    spawn(
      'prometheus',
      [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  prometheus.child.on('error', (e) => {
    throw new Error(`prometheus could not start (${e.message}): run scripts/ensure-system-deps.sh`);
  });
  await pollUntil(
    async () => {
      const res = await fetch(`${promUrl}/-/ready`);
      await res.body?.cancel();
      return res.ok ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'Prometheus to be ready', onTimeout: () => prometheus?.out ?? '' },
  );
}, 90_000);

afterAll(async () => {
  await Promise.all([serve?.stop(), prometheus?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('serve, scraped by Prometheus', () => {
  it('Prometheus reads the verdicts; a non-compliant upload changes the sample and fires the alert', async () => {
    const pass = await resultBecomes('1');
    expect(pass.metric).toMatchObject({ job: 'scs-images', region: 'RegionOne', module: 'scs-0102-v2', requirement: 'mandatory' });
    // no scope (--standard): scope_version="", which Prometheus stores as no label at all
    expect(pass.metric['scope_version']).toBeUndefined();
    const success = await api<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent('scs_images_check_success{cloud="local-admin"}')}`);
    expect(success.result.map((s) => s.value[1])).toEqual(['1']);
    expect(await failingAlerts()).toEqual([]);
    // the first cycle logged in and listed; later ones reuse the token
    expect(serve!.out).toMatch(/cycle 1 in [\d.]+ s: local-admin COMPLIANT, 2 requests \(identity POST 1, image GET 1\)/);

    await createImage(cloud, 'admin', { name: 'Handmade', visibility: 'public' });
    serve!.child.kill('SIGHUP');
    const [line] = await serve!.wait(/cycle 2 in [^\n]*\n/, 'the cycle after SIGHUP');
    // an unchanged login, one listing: one Glance request per cycle
    expect(line).toMatch(/local-admin NOT COMPLIANT, 1 request \(image GET 1\)/);

    const fail = await resultBecomes('-1');
    expect(fail.metric['testcase']).toBe(TESTCASE);
    const alert = await pollUntil(async () => (await failingAlerts()).find((a) => a.labels['testcase'] === TESTCASE && a.state === 'firing'), {
      timeoutMs: 20_000,
      intervalMs: 200,
      what: 'ScsImagesMandatoryTestcaseFailing to fire',
    });
    expect(alert.labels).toMatchObject({ cloud: 'local-admin', region: 'RegionOne', severity: 'critical', module: 'scs-0102-v2' });
  });

  it('stops cleanly on SIGTERM (exit 0) and never logs a credential', async () => {
    const { code } = await serve!.stop();
    expect(code).toBe(0);
    expect(serve!.out).toMatch(/SIGTERM: stopping[^\n]*\n[^\n]*stopped after 2 cycle\(s\)/);
    expect(serve!.out).not.toContain(cloud.users.admin.password);
    expect(serve!.out).not.toMatch(/gAAAAA/);
  });
});
