// An HTTP proxy on 127.0.0.1 that forwards to a real service and injects faults on a schedule,
// so retry/back-off/truncation handling is tested against the real API instead of mocks.
// Deterministic: rules apply in order to matching requests; probabilistic rules use a seeded PRNG.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../src/util/seeded-random.test-util.js';

export type FaultAction =
  | { kind: 'pass' }
  /** answer with this status (500, 502, 503, ...) without contacting the target */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** 429 (or `status`) with a Retry-After header (seconds or an HTTP date) */
  | { kind: 'rate-limit'; retryAfter: number | string; status?: number }
  /** destroy the client's TCP connection (RST) without any response */
  | { kind: 'reset' }
  /** wait, then do `then` (default: pass) */
  | { kind: 'delay'; ms: number; then?: FaultAction }
  /** forward, send the real status/headers but only `bytes` of the body (default: half), then cut */
  | { kind: 'truncate'; bytes?: number }
  /** forward, send the real status/headers at once, then the body `chunkBytes` at a time every `intervalMs` (a slow link) */
  | { kind: 'trickle'; chunkBytes: number; intervalMs: number };

export interface FaultRule {
  /** HTTP method to match (any if absent) */
  method?: string;
  /** matched against the path incl. query (any if absent) */
  path?: RegExp;
  /** one action per matching request, in order; when used up the rule stops matching */
  sequence?: FaultAction[];
  /** same action for every matching request (until `times` runs out) */
  action?: FaultAction;
  times?: number;
  /** apply with this probability (seeded PRNG); otherwise the request falls through to later rules */
  probability?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** status sent to the client; 0 = connection reset */
  status: number;
  action: FaultAction['kind'];
  /** how long the proxy took to answer */
  ms: number;
  /** when the request arrived, ms since the proxy started (for gaps between requests) */
  at: number;
}

export interface FaultCounts {
  total: number;
  /** forwarded untouched */
  passed: number;
  /** every other action, including `delay` (which may still forward) */
  faulted: number;
  byAction: Partial<Record<FaultAction['kind'], number>>;
  byStatus: Record<number, number>;
}

export interface FaultProxy {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  port: number;
  target: string;
  requests: RecordedRequest[];
  readonly counts: FaultCounts;
  addRule(rule: FaultRule): void;
  /** replace all rules (and keep the recorded requests) */
  setRules(rules: FaultRule[]): void;
  /** forget rules and recorded requests */
  reset(): void;
  /** Resolves once every request the proxy has accepted is answered and recorded (a delayed one outlives its client). */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  rules?: FaultRule[];
  /** seed for `probability` rules (default 1) */
  seed?: number;
}

interface LiveRule extends FaultRule {
  used: number;
}

export async function startFaultProxy(target: string, opts: FaultProxyOptions = {}): Promise<FaultProxy> {
  const base = new URL(target);
  const basePath = base.pathname.replace(/\/$/, '');
  const random = seededRandom(opts.seed ?? 1);
  let rules: LiveRule[] = (opts.rules ?? []).map((r) => ({ ...r, used: 0 }));
  const requests: RecordedRequest[] = [];
  const agent = new http.Agent({ keepAlive: true });

  function pick(method: string, path: string): FaultAction {
    for (const r of rules) {
      if (r.method && r.method.toUpperCase() !== method) continue;
      if (r.path && !r.path.test(path)) continue;
      const limit = r.sequence ? r.sequence.length : (r.times ?? Infinity);
      if (r.used >= limit) continue;
      if (r.probability !== undefined && random() >= r.probability) continue;
      const action = r.sequence ? r.sequence[r.used]! : (r.action ?? { kind: 'pass' });
      r.used++;
      return action;
    }
    return { kind: 'pass' };
  }

  type Shape = { truncateTo: number | 'half' } | { trickle: { chunkBytes: number; intervalMs: number } };

  function forward(req: http.IncomingMessage, res: http.ServerResponse, shape: Shape | undefined, done: (status: number) => void): void {
    const upstream = http.request(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        agent,
        method: req.method,
        path: basePath + (req.url ?? '/'),
        headers: { ...req.headers, host: base.host },
      },
      (up) => {
        const status = up.statusCode ?? 502;
        if (shape === undefined) {
          res.writeHead(status, up.headers);
          up.pipe(res);
          up.on('end', () => done(status));
          return;
        }
        if ('trickle' in shape) {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const full = Buffer.concat(chunks);
            res.writeHead(status, up.headers);
            res.flushHeaders();
            let at = 0;
            const next = (): void => {
              if (res.destroyed) return done(status);
              if (at >= full.length) {
                res.end();
                return done(status);
              }
              res.write(full.subarray(at, at + shape.trickle.chunkBytes));
              at += shape.trickle.chunkBytes;
              setTimeout(next, shape.trickle.intervalMs);
            };
            next();
          });
          return;
        }
        const truncateTo = shape.truncateTo;
        // read the whole body, then send the real headers (incl. Content-Length) with only part of it
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const full = Buffer.concat(chunks);
          const n = truncateTo === 'half' ? Math.floor(full.length / 2) : Math.min(truncateTo, full.length);
          const headers = { ...up.headers };
          delete headers['transfer-encoding'];
          headers['content-length'] = String(full.length);
          res.writeHead(status, headers);
          res.flushHeaders();
          res.write(full.subarray(0, n), () => {
            res.socket?.destroy(); // the client sees a premature close, not a clean short body
            done(status);
          });
        });
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault-proxy upstream error: ${e.message}`);
      done(502);
    });
    req.pipe(upstream);
  }

  const started = performance.now();
  let inFlight = 0;
  let onIdle: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    inFlight++;
    const t0 = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const record =
      (action: FaultAction['kind']) =>
      (status: number): void => {
        requests.push({ method, path, status, action, ms: Math.round(performance.now() - t0), at: Math.round(t0 - started) });
        if (--inFlight === 0) {
          for (const f of onIdle) f();
          onIdle = [];
        }
      };
    const run = (action: FaultAction, recordAs?: FaultAction['kind']): void => {
      const rec = record(recordAs ?? action.kind);
      switch (action.kind) {
        case 'pass':
          return forward(req, res, undefined, rec);
        case 'truncate':
          return forward(req, res, { truncateTo: action.bytes ?? 'half' }, rec);
        case 'trickle':
          return forward(req, res, { trickle: action }, rec);
        case 'status': {
          req.resume(); // drain the request body so the connection stays usable
          res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
          res.end(action.body ?? JSON.stringify({ code: action.status, title: 'injected fault', message: 'fault-proxy' }));
          return rec(action.status);
        }
        case 'rate-limit': {
          req.resume();
          const status = action.status ?? 429;
          res.writeHead(status, { 'content-type': 'application/json', 'retry-after': String(action.retryAfter) });
          res.end(JSON.stringify({ code: status, title: 'Too Many Requests', message: 'fault-proxy' }));
          return rec(status);
        }
        case 'reset': {
          const s = req.socket;
          if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
          else s.destroy();
          return rec(0);
        }
        case 'delay': {
          // a client that gives up while it waits (its timeout) is recorded at once, with status 0
          const gaveUp = (): void => {
            clearTimeout(timer);
            rec(0);
          };
          const timer = setTimeout(() => {
            res.off('close', gaveUp);
            run(action.then ?? { kind: 'pass' }, 'delay');
          }, action.ms);
          res.once('close', gaveUp);
          return;
        }
      }
    };
    run(pick(method, path));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    target,
    requests,
    settled: (timeoutMs = 15_000) =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((r) => {
            const t = setTimeout(r, timeoutMs); // a request whose client is gone may never finish
            onIdle.push(() => {
              clearTimeout(t);
              r();
            });
          }),
    get counts(): FaultCounts {
      const c: FaultCounts = { total: requests.length, passed: 0, faulted: 0, byAction: {}, byStatus: {} };
      for (const r of requests) {
        if (r.action === 'pass') c.passed++;
        else c.faulted++;
        c.byAction[r.action] = (c.byAction[r.action] ?? 0) + 1;
        c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + 1;
      }
      return c;
    },
    addRule: (rule) => {
      rules.push({ ...rule, used: 0 });
    },
    setRules: (rs) => {
      rules = rs.map((r) => ({ ...r, used: 0 }));
    },
    reset: () => {
      rules = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections(); // keep-alive clients would otherwise hold close() open
        server.close(() => resolve());
      }),
  };
}
