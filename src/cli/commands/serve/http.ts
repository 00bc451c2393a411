/**
 * The exporter's HTTP face: GET /metrics (OpenMetrics for Prometheus, the text format for anyone
 * else), GET /healthz, nothing else. Answers come from memory: a scrape never reaches a cloud,
 * and nothing served names a credential (only cloud and region names, image names and ids).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES, dialectFor, type ExpositionDialect } from '../../../reporters/exposition.js';
import type { Monitor } from '../../../usecases/serve/monitor.js';

export interface Listen {
  host: string;
  port: number;
}

/** `HOST:PORT` or `[IPv6]:PORT`; undefined when it is neither. */
export function parseListen(value: string): Listen | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(value);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  return { host: (m[1] ?? m[2])!, port };
}

export interface ExporterServer {
  server: http.Server;
  /** The address bound (port 0 becomes the port chosen). */
  address: Listen;
  close(): Promise<void>;
}

export async function startServer(listen: Listen, monitor: Monitor, metrics: (dialect: ExpositionDialect) => string): Promise<ExporterServer> {
  // rendered once per cycle and format: a scrape costs a string copy
  const cache = new Map<ExpositionDialect, { cycle: number; text: string }>();
  const render = (dialect: ExpositionDialect): string => {
    const hit = cache.get(dialect);
    if (hit && hit.cycle === monitor.cycleCount) return hit.text;
    const text = metrics(dialect);
    cache.set(dialect, { cycle: monitor.cycleCount, text });
    return text;
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
    if (path === '/metrics') {
      const dialect = dialectFor(req.headers.accept);
      return send(200, CONTENT_TYPES[dialect], render(dialect));
    }
    if (path === '/healthz') {
      const last = monitor.lastCycle;
      const body = {
        status: 'ok',
        cycles: monitor.cycleCount,
        ...(last ? { lastCycle: { startedAt: last.startedAt.toISOString(), durationSeconds: last.durationMs / 1000 } } : {}),
        clouds: monitor.views().map((v) => ({ target: v.label, stale: v.stale, consecutiveFailures: v.failures, checkedAt: v.checkedAt.toISOString() })),
      };
      return send(200, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
    }
    if (path === '/') return send(200, 'text/plain; charset=utf-8', 'scs-images exporter: /metrics, /healthz\n');
    return send(404, 'text/plain; charset=utf-8', 'not found\n');
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const a = server.address() as AddressInfo;
  return {
    server,
    address: { host: a.address, port: a.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // keep-alive scrapers would hold close() open until they hang up
        server.closeAllConnections();
      }),
  };
}
