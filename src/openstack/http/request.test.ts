import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BadRequestError,
  ConnectionError,
  HttpError,
  LimitExceededError,
  NotFoundError,
  ServerError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../errors.js';
import { closedPortUrl, inOrder, json, startServer } from '../testing/http-server.js';
import type { Handler, TestServer } from '../testing/http-server.js';
import { send } from './request.js';
import { RequestStats } from './stats.js';
import type { HttpEvent, Transport } from './types.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serve the given handlers in order, one per request; the last one repeats. */
async function sequence(...handlers: Handler[]): Promise<TestServer> {
  server = await startServer(inOrder(...handlers));
  return server;
}

const ok: Handler = (_req, res) => json(res, 200, { ok: true });
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    json(res, code, { message: `status ${code}` }, headers);
const reset: Handler = (_req, _res, raw) => void raw.socket.destroy();

function testTransport(extra: Partial<Transport> = {}): Transport & { sleeps: number[]; events: HttpEvent[] } {
  const sleeps: number[] = [];
  const events: HttpEvent[] = [];
  return {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    stats: new RequestStats(),
    sleeps,
    events,
    ...extra,
  };
}

describe('send', () => {
  it('always sends Accept: application/json and parses JSON', async () => {
    const s = await sequence(ok);
    const res = await send({ method: 'GET', url: `${s.url}/x` });
    expect(res.body).toEqual({ ok: true });
    expect(s.requests[0]?.headers['accept']).toBe('application/json');
  });

  it('serialises json bodies with Content-Type, keeping a caller-given type', async () => {
    const s = await sequence(ok);
    await send({
      method: 'PATCH',
      url: s.url,
      json: [{ op: 'remove', path: '/a' }],
      headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
    });
    await send({ method: 'POST', url: s.url, json: { a: 1 } });
    expect(s.requests[0]?.headers['content-type']).toBe('application/openstack-images-v2.1-json-patch');
    expect(s.requests[0]?.body).toBe('[{"op":"remove","path":"/a"}]');
    expect(s.requests[1]?.headers['content-type']).toBe('application/json');
  });

  it('retries 503 then succeeds, with exponential backoff and jitter', async () => {
    const s = await sequence(status(503), status(502), ok);
    const t = testTransport();
    const res = await send({ method: 'GET', url: s.url, service: 'image' }, t);
    expect(res.status).toBe(200);
    expect(s.requests).toHaveLength(3);
    // random 0.5 → 3/4 of the step: 500 ms step → 375, 1000 ms step → 750
    expect(t.sleeps).toEqual([375, 750]);
    expect(t.stats?.snapshot()).toMatchObject({ requests: 3, retries: 2, failures: 2, byService: { image: { GET: 3 } } });
    expect(t.events.filter((e) => e.type === 'retry').map((e) => e.attempt)).toEqual([1, 2]);
  });

  it('honours Retry-After seconds on 429, capped', async () => {
    const s = await sequence(status(429, { 'Retry-After': '7' }), status(429, { 'Retry-After': '9999' }), ok);
    const t = testTransport({ retry: { maxRetryAfterMs: 60_000 } });
    await send({ method: 'GET', url: s.url }, t);
    expect(t.sleeps).toEqual([7000, 60_000]);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    const s = await sequence(status(503, { 'Retry-After': 'Sat, 28 Nov 2026 10:00:05 GMT' }), ok);
    const t = testTransport({ now: () => now });
    await send({ method: 'GET', url: s.url }, t);
    expect(t.sleeps).toEqual([5000]);
  });

  it('retries a reset socket (connection error) for idempotent requests', async () => {
    const s = await sequence(reset, reset, ok);
    const t = testTransport();
    const res = await send({ method: 'PUT', url: s.url, body: Buffer.from('abc') }, t);
    expect(res.status).toBe(200);
    expect(s.requests).toHaveLength(3);
    expect(s.requests[2]?.body).toBe('abc');
    expect(t.events.filter((e) => e.type === 'error')).toHaveLength(2);
  });

  it('gives up after maxRetries and throws the last failure', async () => {
    const s = await sequence(status(503));
    const t = testTransport({ retry: { maxRetries: 2 } });
    await expect(send({ method: 'GET', url: s.url }, t)).rejects.toBeInstanceOf(ServerError);
    expect(s.requests).toHaveLength(3);
  });

  it('uses 4 retries by default', async () => {
    const s = await sequence(status(500));
    await expect(send({ method: 'DELETE', url: s.url }, testTransport())).rejects.toBeInstanceOf(ServerError);
    expect(s.requests).toHaveLength(5);
  });

  it('does not retry POST on 5xx or reset unless marked retryable', async () => {
    const s = await sequence(status(503), reset, ok);
    const t = testTransport();
    await expect(send({ method: 'POST', url: s.url, json: {} }, t)).rejects.toBeInstanceOf(ServerError);
    await expect(send({ method: 'POST', url: s.url, json: {} }, t)).rejects.toBeInstanceOf(ConnectionError);
    expect(s.requests).toHaveLength(2);
    expect(t.sleeps).toEqual([]);
    // a retryable POST (the token request) is repeated
    const s2 = await sequence(status(503), ok);
    await send({ method: 'POST', url: s2.url, json: {}, retryable: true }, t);
    expect(s2.requests).toHaveLength(2);
  });

  it('does not retry a streamed body', async () => {
    const s = await sequence(status(503), ok);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('a');
    }
    await expect(send({ method: 'PUT', url: s.url, body: chunks() }, testTransport())).rejects.toBeInstanceOf(ServerError);
    expect(s.requests).toHaveLength(1);
  });

  it('retries a refused connection, then reports ConnectionError with the code', async () => {
    const url = await closedPortUrl();
    const t = testTransport({ retry: { maxRetries: 1 } });
    const err = await send({ method: 'GET', url }, t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).code).toBe('ECONNREFUSED');
    expect(t.sleeps).toHaveLength(1);
  });

  it('times out a hanging request and retries it', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      if (++calls === 1) return; // never answer
      json(res, 200, { late: false });
    });
    const t = testTransport({ timeoutMs: 100 });
    const res = await send({ method: 'GET', url: server.url }, t);
    expect(res.body).toEqual({ late: false });
    const e = t.events.find((ev) => ev.type === 'error');
    expect(e && 'error' in e ? e.error : '').toMatch(/no answer within 0.1 s/);
  });

  it('a body that trickles in past the timeout is a TimeoutError that says the answer began', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"images": [');
      const t = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(t));
    });
    const err = await send({ method: 'GET', url: server.url }, testTransport({ timeoutMs: 150, retry: { maxRetries: 0 } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/? failed: the answer began but did not complete within 0\.15 s \(--timeout\)/);
  });

  it('throws TimeoutError when every attempt hangs', async () => {
    server = await startServer(() => undefined);
    const err = await send({ method: 'GET', url: server.url }, testTransport({ timeoutMs: 50, retry: { maxRetries: 0 } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toBeInstanceOf(ConnectionError);
  });

  it('does not retry a caller abort', async () => {
    const ac = new AbortController();
    // aborted once the request is under way (a timer raced the connection on a loaded host)
    server = await startServer(() => ac.abort(new Error('stop')));
    await expect(send({ method: 'GET', url: server.url, signal: ac.signal }, testTransport())).rejects.toThrow('stop');
    expect(server.requests).toHaveLength(1);
  });

  it('enforces okCodes', async () => {
    const s = await sequence((_r, res) => json(res, 200, {}));
    const err = await send({ method: 'POST', url: s.url, okCodes: [201] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(200);
  });

  it('maps statuses to error classes with Glance details and request id', async () => {
    const s = await sequence(
      (_r, res) =>
        json(
          res,
          404,
          { message: 'No image found with ID abc<br /><br />\n\n\n', code: '404 Not Found', title: 'Not Found' },
          { 'x-openstack-request-id': 'req-1' },
        ),
      (_r, res) => json(res, 401, { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } }),
      (_r, res) => json(res, 400, { badRequest: { message: 'Invalid marker', code: 400 } }),
      (_r, res) => {
        res.writeHead(429, { 'Content-Type': 'text/html' });
        res.end('<html><body><h1>429 Too Many Requests</h1>slow down</body></html>');
      },
    );
    const t = testTransport({ retry: { maxRetries: 0 } });
    const e404 = (await send({ method: 'GET', url: `${s.url}/v2/images/abc` }, t).catch((e: unknown) => e)) as NotFoundError;
    expect(e404).toBeInstanceOf(NotFoundError);
    expect(e404).toMatchObject({ status: 404, method: 'GET', requestId: 'req-1', details: 'No image found with ID abc' });
    expect(e404.message).toBe(`GET ${s.url}/v2/images/abc returned HTTP 404: No image found with ID abc [req-1]`);
    const e401 = (await send({ method: 'GET', url: s.url }, t).catch((e: unknown) => e)) as UnauthorizedError;
    expect(e401).toBeInstanceOf(UnauthorizedError);
    expect(e401.details).toBe('The request you have made requires authentication.');
    const e400 = (await send({ method: 'GET', url: s.url }, t).catch((e: unknown) => e)) as BadRequestError;
    expect(e400.details).toBe('Invalid marker');
    const e429 = (await send({ method: 'GET', url: s.url }, t).catch((e: unknown) => e)) as TooManyRequestsError;
    expect(e429).toBeInstanceOf(TooManyRequestsError);
    expect(e429.details).toBe('429 Too Many Requests slow down');
  });

  it('does not follow redirects (the token must not travel)', async () => {
    const s = await sequence((_r, res) => {
      res.writeHead(302, { Location: 'http://elsewhere.invalid/x?token=abc' });
      res.end();
    });
    const err = (await send({ method: 'GET', url: s.url }).catch((e: unknown) => e)) as HttpError;
    expect(err.status).toBe(302);
    expect(err.details).toBe('redirected to http://elsewhere.invalid/x?token=***');
  });

  it('emits request/response events with timing and attempt', async () => {
    const s = await sequence(ok);
    const t = testTransport();
    await send({ method: 'GET', url: `${s.url}/v2/images?limit=1`, service: 'image', headers: { 'X-Auth-Token': 'tok-123456' } }, t);
    expect(t.events.map((e) => e.type)).toEqual(['request', 'response']);
    expect(t.events[0]).toMatchObject({ service: 'image', method: 'GET', attempt: 1, headers: { 'X-Auth-Token': '***' } });
    expect(t.events[1]).toMatchObject({ status: 200, attempt: 1 });
    expect(typeof (t.events[1] as { ms: number }).ms).toBe('number');
  });

  it('a throwing onEvent hook does not break the request', async () => {
    const s = await sequence(ok);
    const res = await send(
      { method: 'GET', url: s.url },
      {
        onEvent: () => {
          throw new Error('hook');
        },
      },
    );
    expect(res.status).toBe(200);
  });
});

describe('answers larger than the cap (a gzip bomb)', () => {
  /** A gzip body that inflates to `members` × 1 MiB of zeros: concatenated gzip members are one valid body. */
  function bomb(members: number): { member: Buffer; members: number } {
    return { member: gzipSync(Buffer.alloc(1024 * 1024), { level: 9 }), members };
  }

  it('is refused after inflating only about the cap; the rest is not sent or inflated', async () => {
    const { member, members } = bomb(16_384); // 16 GiB inflated, about 17 MB on the wire
    let hungUp!: (sent: { members: number; finished: boolean }) => void;
    const serverSide = new Promise<{ members: number; finished: boolean }>((r) => {
      hungUp = r;
    });
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      let i = 0;
      const more = (): void => {
        while (i < members) {
          i++;
          if (!res.write(member)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => hungUp({ members: i, finished: res.writableFinished }));
      more();
    });
    const t = testTransport({ maxBodyBytes: 8 * 1024 * 1024 });
    const err = await send({ method: 'GET', url: `${server.url}/v2/images` }, t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitExceededError);
    expect((err as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v2\/images: the answer is larger than 8 MiB \(counted after decompression\)/);
    // not retried: the same answer would be as large
    expect(server.requests).toHaveLength(1);
    // the client hung up long before the end: only what the socket buffers held was ever sent
    const sent = await serverSide;
    expect(sent.finished).toBe(false);
    expect(sent.members).toBeLessThan(members / 2);
    expect(t.events.at(-1)).toMatchObject({ type: 'error', error: expect.stringContaining('larger than 8 MiB') });
  });

  it('an answer that declares more than the cap is refused before it is read', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 * 1024) });
      res.write('{"images": [');
    });
    const err = await send({ method: 'GET', url: `${server.url}/v2/images` }, testTransport({ maxBodyBytes: 1024 * 1024 })).catch((e: unknown) => e);
    expect(err).toMatchObject({ limit: 'response-bytes', message: expect.stringContaining('it declares 10485760 bytes') });
  });

  it('the byte count of an accepted answer is reported (decompressed)', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(Buffer.from(JSON.stringify({ images: [], pad: 'x'.repeat(10_000) }))));
    });
    const res = await send({ method: 'GET', url: `${server.url}/v2/images` }, testTransport());
    expect(res.bytes).toBe(Buffer.byteLength(JSON.stringify({ images: [], pad: 'x'.repeat(10_000) })));
  });
});

describe('a body cut off before its end', () => {
  it('is a connection failure, retried (the counted read keeps the retry of a truncated page)', async () => {
    const truncated: Handler = (_req, res, raw) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"images": [', () => raw.socket.destroy());
    };
    const s = await sequence(truncated, ok);
    const t = testTransport();
    const res = await send({ method: 'GET', url: `${s.url}/v2/images` }, t);
    expect(res.body).toEqual({ ok: true });
    expect(s.requests).toHaveLength(2);
    expect(t.events.some((e) => e.type === 'retry')).toBe(true);
  });
});
