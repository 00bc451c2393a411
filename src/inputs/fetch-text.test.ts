import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchLastModified, fetchText } from './fetch-text.js';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200, { 'last-modified': 'Mon, 20 Jul 2026 06:12:00 GMT' }).end('hello');
    else if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
    else if (req.url === '/big') res.writeHead(200).end('x'.repeat(2000));
    else if (req.url === '/error-page') res.writeHead(500, { 'content-type': 'text/html' }).end('<html>oops</html>');
    else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
    else res.writeHead(404).end('<html>Not Found</html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

describe('fetchText', () => {
  it('returns the body of a 200, following redirects', async () => {
    expect(await fetchText(`${base}/ok`)).toBe('hello');
    expect(await fetchText(`${base}/moved`)).toBe('hello');
  });
  it('an error status is a FetchError with the status, never a body', async () => {
    const e = await fetchText(`${base}/nope`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FetchError);
    expect((e as FetchError).status).toBe(404);
    expect((e as FetchError).message).toBe(`GET ${base}/nope: HTTP 404 Not Found`);
    await expect(fetchText(`${base}/error-page`)).rejects.toThrow(/HTTP 500/);
  });
  it('stops at the size limit', async () => {
    await expect(fetchText(`${base}/big`, { maxBytes: 1000 })).rejects.toThrow(/1000-byte limit/);
  });
  it('times out', async () => {
    await expect(fetchText(`${base}/slow`, { timeoutMs: 200 })).rejects.toThrow(/no answer within 0.2 s/);
  });
  it('refuses other schemes and names an unreachable host', async () => {
    await expect(fetchText('file:///etc/passwd')).rejects.toThrow(/only http and https/);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(fetchText(`http://127.0.0.1:${port}/x`, { timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('fetchLastModified', () => {
  it('reads the header with HEAD', async () => {
    expect(await fetchLastModified(`${base}/ok`)).toBe('Mon, 20 Jul 2026 06:12:00 GMT');
    await expect(fetchLastModified(`${base}/gone`)).rejects.toThrow(/HEAD .* HTTP 404/);
  });
});
