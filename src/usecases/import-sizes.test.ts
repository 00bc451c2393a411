import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportChange } from '../core/plan/types.js';
import { importSizes } from './import-sizes.js';

let server: Server;
let base: string;
const methods: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    methods.push(req.method ?? '');
    if (req.url === '/big.qcow2') {
      res.writeHead(200, { 'content-length': String(5 * 1024 ** 3) });
      res.end();
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: '/big.qcow2' });
      res.end();
    } else if (req.url === '/slow') {
      setTimeout(() => res.end(), 2_000).unref();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const change = (name: string, source: ImportChange['source']) => ({ name, source }) as ImportChange;

describe('importSizes', () => {
  it('Content-Length by HEAD (redirects followed), the size of a file: source; unknown when the server cannot tell in time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scs-sizes-'));
    const file = path.join(dir, 'local.img');
    writeFileSync(file, Buffer.alloc(1234));
    const sizes = await importSizes(
      [
        change('big', { kind: 'url', url: `${base}/big.qcow2` }),
        change('moved', { kind: 'url', url: `${base}/moved` }),
        change('gone', { kind: 'url', url: `${base}/gone` }),
        change('slow', { kind: 'url', url: `${base}/slow` }),
        change('local', { kind: 'file', url: 'file:local.img', path: file }),
        change('ftp', { kind: 'url', url: 'ftp://example.org/x' }),
      ],
      { timeoutMs: 300 },
    );
    expect(sizes).toEqual([
      { name: 'big', bytes: 5 * 1024 ** 3 },
      { name: 'moved', bytes: 5 * 1024 ** 3 },
      { name: 'gone' },
      { name: 'slow' },
      { name: 'local', bytes: 1234 },
      { name: 'ftp' },
    ]);
    // only HEAD requests: nothing is downloaded for an estimate
    expect(new Set(methods)).toEqual(new Set(['HEAD']));
  });
});
