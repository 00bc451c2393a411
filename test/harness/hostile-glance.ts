// A deliberately misbehaving Glance on 127.0.0.1: what a broken or hostile cloud can answer to an
// image listing. Put it behind a real Keystone with `image_endpoint_override` (or auth_type none)
// and switch its behaviour between runs. Deterministic: no timers, every answer is computed from
// the request; it records each request, whether it carried a token, and what it sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export type HostileMode =
  /** every page one image and a `next` with a new marker, without end */
  | { kind: 'endless'; imagesPerPage?: number }
  /** 200 with `Content-Encoding: gzip` that inflates to `gib` GiB of zeros (concatenated gzip members) */
  | { kind: 'gzip-bomb'; gib: number }
  /** an error answer whose JSON message or HTML page carries escape sequences and control characters */
  | { kind: 'json-error'; status: number; message: string }
  | { kind: 'html-error'; status: number; html: string }
  /** 302 to itself, with a new query each time */
  | { kind: 'redirect-loop' }
  /** 302 to another server (`target`), which must never see the token */
  | { kind: 'redirect'; target: string }
  /** 200, application/json, not JSON */
  | { kind: 'invalid-json' }
  /** 403 whose body repeats the X-Auth-Token it was sent */
  | { kind: 'echo-token' };

export interface HostileRequest {
  method: string;
  path: string;
  /** an X-Auth-Token header came with it */
  token: boolean;
}

export interface HostileGlance {
  url: string;
  requests: HostileRequest[];
  /** body bytes written to the wire for all answers (compressed, as sent) */
  bytesSent: number;
  /** for the gzip bomb: whether an answer was cut off by the client before its end */
  clientHungUp: boolean;
  setMode(mode: HostileMode): void;
  reset(): void;
  close(): Promise<void>;
}

/** Any escape a terminal acts on: a title change, clear screen, colours, cursor up, a CSI in C1 form, a bidi override. */
export const TERMINAL_ATTACK = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mRED\u001b[1A\u001b[2K\r\u009b31m\u202eevil';

const ONE_MIB_OF_ZEROS_GZIPPED = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });

function image(n: number): Record<string, unknown> {
  // created_at steadily older, one second per image: the order Glance lists in
  const createdAt = new Date(Date.UTC(2026, 0, 1) - n * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `endless-${n}`,
    status: 'active',
    visibility: 'public',
    created_at: createdAt,
    tags: [],
  };
}

export async function startHostileGlance(initial: HostileMode = { kind: 'endless' }): Promise<HostileGlance> {
  let mode = initial;
  const state = { requests: [] as HostileRequest[], bytesSent: 0, clientHungUp: false, served: 0 };

  const send = (res: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void => {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'Content-Length': String(buf.length), ...headers });
    state.bytesSent += buf.length;
    res.end(buf);
  };

  const server = http.createServer((req, res) => {
    req.resume();
    const path = req.url ?? '/';
    const token = req.headers['x-auth-token'];
    state.requests.push({ method: req.method ?? 'GET', path, token: token !== undefined });
    switch (mode.kind) {
      case 'endless': {
        const per = mode.imagesPerPage ?? 1;
        const images = Array.from({ length: per }, () => image(++state.served));
        const marker = images.at(-1)?.['id'] as string;
        return send(
          res,
          200,
          { 'Content-Type': 'application/json' },
          JSON.stringify({ images, next: `/v2/images?limit=1000&marker=${marker}`, schema: '/v2/schemas/images' }),
        );
      }
      case 'gzip-bomb': {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        const members = mode.gib * 1024;
        let i = 0;
        const more = (): void => {
          while (i < members) {
            i++;
            state.bytesSent += ONE_MIB_OF_ZEROS_GZIPPED.length;
            if (!res.write(ONE_MIB_OF_ZEROS_GZIPPED)) return void res.once('drain', more);
          }
          res.end();
        };
        res.on('close', () => {
          if (!res.writableFinished) state.clientHungUp = true;
        });
        return more();
      }
      case 'json-error':
        return send(res, mode.status, { 'Content-Type': 'application/json' }, JSON.stringify({ code: mode.status, title: 'Forbidden', message: mode.message }));
      case 'html-error':
        return send(res, mode.status, { 'Content-Type': 'text/html' }, mode.html);
      case 'redirect-loop':
        return send(res, 302, { Location: `/v2/images?loop=${state.requests.length}` }, '');
      case 'redirect':
        return send(res, 302, { Location: `${mode.target}/v2/images` }, '');
      case 'invalid-json':
        return send(res, 200, { 'Content-Type': 'application/json' }, '{"images": [{"id": "a", ');
      case 'echo-token':
        return send(
          res,
          403,
          { 'Content-Type': 'application/json' },
          JSON.stringify({ error: { code: 403, message: `token ${String(token)} is not welcome here; X-Auth-Token: ${String(token)}` } }),
        );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get bytesSent() {
      return state.bytesSent;
    },
    get clientHungUp() {
      return state.clientHungUp;
    },
    setMode: (m) => {
      mode = m;
    },
    reset: () => {
      state.requests = [];
      state.bytesSent = 0;
      state.clientHungUp = false;
      state.served = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
