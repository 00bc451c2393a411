import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError, TimeoutError } from '../errors.js';
import { inOrder, json, startServer } from '../testing/http-server.js';
import type { Handler, TestServer } from '../testing/http-server.js';
import { send } from './request.js';
import type { Transport } from './types.js';

// send() with a sink: image data read into a reused buffer (static-buffer-get.ts), with the same
// retries, errors and timeouts as every other request, and the rules that a sink adds
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sequence(...handlers: Handler[]): Promise<TestServer> {
  server = await startServer(inOrder(...handlers));
  return server;
}

const data = randomBytes(1024 * 1024 + 3);
const serve: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length) });
  res.end(data);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sinkRequest(url: string, transport: Transport = {}, timeoutMs?: number) {
  const parts: Buffer[] = [];
  const done = send(
    { method: 'GET', url, okCodes: [200], sink: (c) => void parts.push(Buffer.from(c)), ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
    { sleep: async () => undefined, ...transport },
  );
  return { done, bytes: () => Buffer.concat(parts) };
}

describe('send with a sink', () => {
  it('reads the body into the sink through its own connection and returns without a body text', async () => {
    const s = await sequence(serve);
    const r = sinkRequest(`${s.url}/file`);
    const res = await r.done;
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(r.bytes().equals(data)).toBe(true);
    // the reused-buffer reader asks for one connection per request
    expect(s.requests[0]?.headers['connection']).toBe('close');
  });

  it('keeps the same contract through an injected fetch (a test seam), chunk by chunk', async () => {
    const s = await sequence(serve);
    const r = sinkRequest(`${s.url}/file`, { fetch: globalThis.fetch as unknown as Transport['fetch'] });
    await r.done;
    expect(r.bytes().equals(data)).toBe(true);
    expect(s.requests[0]?.headers['connection']).not.toBe('close');
  });

  it('times out when no byte arrives for the timeout, but not when a slow body keeps coming', async () => {
    const s = await sequence(
      async (_req, res) => {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('abc');
        await sleep(3000);
        res.end();
      },
      async (_req, res) => {
        res.writeHead(200, { 'Content-Length': '10' });
        for (let i = 0; i < 10; i++) {
          res.write('x');
          await sleep(80);
        }
        res.end();
      },
    );
    const sleeps: number[] = [];
    const stalled = sinkRequest(`${s.url}/file`, { sleep: async (ms) => void sleeps.push(ms) }, 400);
    const err = (await stalled.done.catch((e: unknown) => e)) as TimeoutError;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/the answer stopped: no data for 0.4 s/);
    // the body had begun: another attempt would feed the sink twice
    expect(sleeps).toEqual([]);
    expect(stalled.bytes().toString()).toBe('abc');
    // 10 bytes over ~800 ms with a 400 ms timeout: each byte restarts it
    const slow = sinkRequest(`${s.url}/file`, {}, 400);
    await slow.done;
    expect(slow.bytes().toString()).toBe('x'.repeat(10));
  });

  it('retries a connection that fails before the answer, and feeds the sink once', async () => {
    const s = await sequence((_req, _res, raw) => void raw.socket.destroy(), serve);
    const r = sinkRequest(`${s.url}/file`);
    await r.done;
    expect(s.requests).toHaveLength(2);
    expect(r.bytes().equals(data)).toBe(true);
  });

  it('does not retry a body that broke off, and says how far it got', async () => {
    const s = await sequence((_req, res, raw) => {
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('abc', () => setTimeout(() => raw.socket.destroy(), 20));
    }, serve);
    const r = sinkRequest(`${s.url}/file`);
    const err = (await r.done.catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/connection closed after 3 of 10 bytes/);
    expect(s.requests).toHaveLength(1);
  });

  it("rethrows the sink's own failure as it is, not as a connection failure, and does not retry", async () => {
    const s = await sequence(serve);
    const err = await send(
      {
        method: 'GET',
        url: `${s.url}/file`,
        okCodes: [200],
        sink: () => {
          throw new RangeError('hash broke');
        },
      },
      { sleep: async () => undefined },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect(String(err)).toBe('RangeError: hash broke');
    expect(s.requests).toHaveLength(1);
  });

  it('maps an error status like any request (the sink sees nothing)', async () => {
    const s = await sequence((_req, res) => json(res, 404, { message: 'No image found with ID x' }));
    const r = sinkRequest(`${s.url}/file`);
    const err = await r.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(String(err)).toMatch(/No image found with ID x/);
    expect(r.bytes().length).toBe(0);
  });
});
