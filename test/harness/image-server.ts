// A local HTTP server for disk images (web-download and the tool's own downloads fetch from it):
// serves files of one directory on 127.0.0.1, with per-path faults (status, slow body) and a log.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface PathBehaviour {
  /** answer with this status instead of the file */
  status?: number;
  /** send the body at this many bytes per second (to keep an import busy) */
  bytesPerSecond?: number;
}

export interface ImageServer {
  url: string;
  /** requests seen: method and path */
  requests: { method: string; path: string; status: number }[];
  set(pathname: string, behaviour: PathBehaviour | undefined): void;
  close(): Promise<void>;
}

export async function startImageServer(dir: string): Promise<ImageServer> {
  const behaviours = new Map<string, PathBehaviour>();
  const requests: ImageServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const b = behaviours.get(pathname) ?? {};
    const file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    const answer = (status: number): void => {
      requests.push({ method: req.method ?? 'GET', path: pathname, status });
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`${status}\n`);
    };
    if (b.status) return answer(b.status);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return answer(404);
    }
    requests.push({ method: req.method ?? 'GET', path: pathname, status: 200 });
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) });
    if (req.method === 'HEAD') return void res.end();
    if (!b.bytesPerSecond) return void createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(res);
    const perTick = Math.max(1, Math.round(b.bytesPerSecond / 10));
    const slow = createReadStream(file, { highWaterMark: perTick });
    slow.on('data', (chunk) => {
      slow.pause();
      res.write(chunk, () => setTimeout(() => slow.resume(), 100));
    });
    slow.on('end', () => res.end());
    res.on('close', () => slow.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (p, b) => (b ? behaviours.set(p, b) : behaviours.delete(p)),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
