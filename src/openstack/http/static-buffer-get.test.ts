import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCert, type SelfSignedCert } from '../testing/self-signed.js';
import { BodyReader, getIntoSink, type GetIntoSinkInit } from './static-buffer-get.js';

/** A raw TCP server: each connection gets the request head, then writes what `answer` says. */
interface RawServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}
let servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function rawServer(answer: (socket: net.Socket) => void | Promise<void>, opts: { tls?: tls.TlsOptions } = {}): Promise<RawServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const onSocket = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    const onData = (d: Buffer): void => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      requests.push(head);
      void answer(socket);
    };
    socket.on('data', onData);
  };
  const server = opts.tls ? tls.createServer(opts.tls, onSocket) : net.createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const s: RawServer = {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    close: async () => {
      for (const k of sockets) k.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  servers.push(s);
  return s;
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** Write the pieces one by one with a pause between, so the reader sees them in separate reads. */
async function writeSlowly(socket: net.Socket, pieces: (string | Buffer)[], end = true): Promise<void> {
  for (const p of pieces) {
    socket.write(p);
    await tick();
  }
  if (end) socket.end();
}

function collect(url: string, over: Partial<GetIntoSinkInit> = {}) {
  const parts: Buffer[] = [];
  let calls = 0;
  const done = getIntoSink(url, {
    headers: { 'X-Auth-Token': 'tok', Accept: 'application/octet-stream' },
    signal: new AbortController().signal,
    accept: (s) => s === 200,
    sink: (c) => {
      calls++;
      parts.push(Buffer.from(c)); // a copy: the slice is only valid during the call
    },
    ...over,
  });
  return { done, bytes: () => Buffer.concat(parts), calls: () => calls };
}

describe('getIntoSink', () => {
  it('sends one GET with the path, query, Host and the caller headers, and reads a Content-Length body', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const s = await rawServer((sock) =>
      writeSlowly(sock, [
        `HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\nX-Openstack-Request-Id: req-1\r\n\r\n`,
        data.subarray(0, 1000),
        data.subarray(1000),
      ]),
    );
    const r = collect(`${s.url}/v2/images/abc/file?x=1`, { bufferBytes: 64 * 1024 });
    const res = await r.done;
    expect(res.status).toBe(200);
    expect(res.headers.get('x-openstack-request-id')).toBe('req-1');
    expect(createHash('sha256').update(r.bytes()).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    // a 64 KiB buffer: the body arrived in many reads, each passed on as it came
    expect(r.calls()).toBeGreaterThan(40);
    const [head] = s.requests;
    expect(head).toMatch(/^GET \/v2\/images\/abc\/file\?x=1 HTTP\/1\.1\r\n/);
    expect(head).toContain(`Host: ${new URL(s.url).host}\r\n`);
    expect(head).toContain('X-Auth-Token: tok\r\n');
    expect(head).toContain('Connection: close\r\n');
  });

  it('reads a chunked body whose size lines, data and CRLFs are split across reads, with extensions and trailers', async () => {
    const s = await rawServer((sock) =>
      writeSlowly(
        sock,
        ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n', '\r\n5', ';ext=1\r', '\nhel', 'lo\r', '\n', '6\r\n world\r\n', '0\r\nX-Trailer: t\r\n', '\r\n'],
        false,
      ),
    );
    const r = collect(s.url);
    await r.done; // resolves at the last chunk, without waiting for the connection to end
    expect(r.bytes().toString()).toBe('hello world');
  });

  it('reads until the connection ends when the answer has neither length nor chunks', async () => {
    const s = await rawServer((sock) => writeSlowly(sock, ['HTTP/1.0 200 OK\r\n\r\n', 'abc', 'def']));
    const r = collect(s.url);
    await r.done;
    expect(r.bytes().toString()).toBe('abcdef');
  });

  it('skips an interim 100 Continue and reads the final answer', async () => {
    const s = await rawServer((sock) => writeSlowly(sock, ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']));
    const r = collect(s.url);
    expect((await r.done).status).toBe(200);
    expect(r.bytes().toString()).toBe('ok');
  });

  it('collects the body of a status it does not accept, and never calls the sink', async () => {
    const s = await rawServer((sock) =>
      writeSlowly(sock, ['HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n', '{"message": "no such id"}']),
    );
    const r = collect(s.url);
    const res = await r.done;
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('{"message": "no such id"}');
    expect(r.calls()).toBe(0);
  });

  it('fails as a broken connection when it ends before Content-Length bytes arrived', async () => {
    const s = await rawServer((sock) => writeSlowly(sock, ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 'abc']));
    const err = (await collect(s.url).done.catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.message).toBe('connection closed after 3 of 10 bytes');
    expect(err.code).toBe('UND_ERR_SOCKET');
  });

  it('fails when the connection ends before any answer, and on an answer that is not HTTP', async () => {
    const none = await rawServer((sock) => void sock.end());
    expect(String(await collect(none.url).done.catch((e: unknown) => e))).toBe('Error: connection closed before the answer');
    const garbage = await rawServer((sock) => void sock.end('SSH-2.0-OpenSSH\r\n\r\n'));
    expect(String(await collect(garbage.url).done.catch((e: unknown) => e))).toMatch(/not an HTTP\/1.1 answer: "SSH-2.0-OpenSSH"/);
  });

  it('rejects a chunked body with a bad size line', async () => {
    const s = await rawServer((sock) => writeSlowly(sock, ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n']));
    expect(String(await collect(s.url).done.catch((e: unknown) => e))).toMatch(/invalid chunk size "zz"/);
  });

  it('stops on the caller abort with its reason and closes the connection', async () => {
    let closed = false;
    const s = await rawServer((sock) => {
      sock.on('close', () => (closed = true));
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nabc');
    });
    const controller = new AbortController();
    const r = collect(s.url, { signal: controller.signal, onHeaders: () => setTimeout(() => controller.abort(new Error('stop now')), 20) });
    expect(String(await r.done.catch((e: unknown) => e))).toBe('Error: stop now');
    await tick(50);
    expect(closed).toBe(true);
  });

  it('passes a sink failure on and reads no further', async () => {
    const s = await rawServer((sock) =>
      writeSlowly(sock, ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n', '3\r\nghi\r\n0\r\n\r\n']),
    );
    let calls = 0;
    const err = await collect(s.url, {
      sink: () => {
        calls++;
        throw new Error('disk full');
      },
    }).done.catch((e: unknown) => e);
    expect(String(err)).toBe('Error: disk full');
    await tick(30);
    expect(calls).toBe(1);
  });

  it('gives a sink that aborts the request nothing more, not even the rest of the same read', async () => {
    const s = await rawServer((sock) => void sock.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n3\r\nghi\r\n'));
    const controller = new AbortController();
    const seen: string[] = [];
    const err = await getIntoSink(s.url, {
      headers: {},
      signal: controller.signal,
      accept: () => true,
      sink: (c) => {
        seen.push(Buffer.from(c).toString());
        controller.abort(new Error('enough'));
      },
    }).catch((e: unknown) => e);
    expect(String(err)).toBe('Error: enough');
    expect(seen).toEqual(['abc']);
  });

  it('fails a chunked body that ends before its last chunk', async () => {
    const s = await rawServer((sock) => writeSlowly(sock, ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab']));
    expect(String(await collect(s.url).done.catch((e: unknown) => e))).toBe('Error: connection closed after 2 of the chunked bytes');
  });

  it('refuses a head longer than 64 KiB, also when it arrives in one read with its end', async () => {
    const s = await rawServer((sock) => void sock.end(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70_000)}\r\nContent-Length: 0\r\n\r\n`));
    expect(String(await collect(s.url).done.catch((e: unknown) => e))).toMatch(/response headers longer than 65536 bytes/);
  });

  it('refuses a flood of interim answers instead of recursing through them', async () => {
    const s = await rawServer((sock) => void sock.end(`${'HTTP/1.1 100 Continue\r\n\r\n'.repeat(5000)}HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n`));
    expect(String(await collect(s.url).done.catch((e: unknown) => e))).toMatch(/more than 10 interim \(1xx\) answers/);
  });

  it('takes 204 as bodiless whatever its Content-Length says, and reads another transfer coding until the end', async () => {
    const none = await rawServer((sock) => void sock.write('HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n'));
    const r = collect(none.url, { accept: (st) => st === 204 });
    expect((await r.done).status).toBe(204);
    expect(r.calls()).toBe(0);
    const coded = await rawServer((sock) => writeSlowly(sock, ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\n', 'abcd']));
    const c = collect(coded.url);
    await c.done;
    expect(c.bytes().toString()).toBe('abcd');
  });

  it('ends a request that gets no data for the backstop time, even without a timer of the caller', async () => {
    const s = await rawServer((sock) => void sock.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab'));
    const err = (await collect(s.url, { backstopMs: 200 }).done.catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.message).toBe('no data for 0.2 s');
    expect(err.code).toBe('ETIMEDOUT');
  });

  it('refuses a header value with a line break (no request smuggling through a token)', async () => {
    const s = await rawServer((sock) => void sock.end());
    const err = await Promise.resolve()
      .then(() =>
        getIntoSink(s.url, { headers: { 'X-Auth-Token': 'a\r\nX-Evil: 1' }, signal: new AbortController().signal, accept: () => true, sink: () => undefined }),
      )
      .catch((e: unknown) => e);
    expect(String(err)).toBe('TypeError: header X-Auth-Token contains a line break');
    expect(s.requests).toEqual([]);
  });
});

describe('getIntoSink over TLS', () => {
  let tlsCert: SelfSignedCert;
  let key: Buffer;
  let cert: Buffer;
  beforeAll(() => {
    tlsCert = makeSelfSignedCert();
    ({ key, cert } = tlsCert);
  });
  afterAll(() => tlsCert.remove());

  const answer = (data: Buffer) => (sock: net.Socket) =>
    void sock.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`), data]));

  it('verifies the server against the given CA and reads the body through the reused buffer', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const s = await rawServer(answer(data), { tls: { key, cert } });
    const r = collect(s.url, { tls: { ca: cert } });
    await r.done;
    expect(r.bytes().equals(data)).toBe(true);
  });

  it('rejects a certificate it cannot verify unless verification is off', async () => {
    const s = await rawServer(answer(Buffer.from('x')), { tls: { key, cert } });
    const err = (await collect(s.url).done.catch((e: unknown) => e)) as { code?: string };
    expect(err.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    const r = collect(s.url, { tls: { rejectUnauthorized: false } });
    await r.done;
    expect(r.bytes().toString()).toBe('x');
  });
});

describe('BodyReader', () => {
  const framed = (headers: Record<string, string>) => {
    const b = new BodyReader();
    b.frame(new Headers(headers));
    return b;
  };

  it('passes on only Content-Length bytes and says when they are complete', () => {
    const b = framed({ 'content-length': '4' });
    const out: string[] = [];
    expect(b.feed(Buffer.from('ab'), (c) => out.push(Buffer.from(c).toString()))).toBe(false);
    expect(b.feed(Buffer.from('cdEXTRA'), (c) => out.push(Buffer.from(c).toString()))).toBe(true);
    expect(out).toEqual(['ab', 'cd']);
    expect(b.endOfConnection()).toBe(true);
  });

  it('treats a zero Content-Length as complete at once, and refuses one that is not a number', () => {
    expect(framed({ 'content-length': '0' }).feed(Buffer.alloc(0), () => undefined)).toBe(true);
    expect(() => framed({ 'content-length': '-1' })).toThrow('invalid Content-Length "-1"');
  });

  it('decodes chunks fed one byte at a time', () => {
    const b = framed({ 'transfer-encoding': 'chunked' });
    const wire = Buffer.from('3\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n');
    const out: Buffer[] = [];
    let done = false;
    for (const byte of wire) done = b.feed(Buffer.from([byte]), (c) => out.push(Buffer.from(c)));
    expect(done).toBe(true);
    expect(Buffer.concat(out).toString()).toBe('abc0123456789');
  });

  it('is incomplete when a chunked body ends early', () => {
    const b = framed({ 'transfer-encoding': 'chunked' });
    b.feed(Buffer.from('5\r\nab'), () => undefined);
    expect(b.endOfConnection()).toBe(false);
  });
});
