/**
 * Test double for the Glance v2 calls the client makes, with Zed's response shapes:
 * marker/limit paging with `next` on every full page, JSON-patch, 204s, 202 import, error JSON.
 * Deliberately small: protocol behaviour, not Glance's business rules.
 */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { json } from './http-server.js';
import type { RecordedRequest } from './http-server.js';
import { unpointer } from '../../core/images/json-pointer.js';

export type GlanceImage = Record<string, unknown> & { id: string };

export interface FakeGlance {
  images: GlanceImage[];
  /** Handle a /v2 request under `prefix`; returns false for other paths. */
  handle(req: RecordedRequest, res: ServerResponse): boolean;
}

const notFound = (res: ServerResponse, id: string): void =>
  json(res, 404, { message: `No image found with ID ${id}<br /><br />\n\n\n`, code: '404 Not Found', title: 'Not Found' });

export function fakeGlance(prefix = ''): FakeGlance {
  const images: GlanceImage[] = [];
  const find = (id: string): GlanceImage | undefined => images.find((i) => i.id === id);

  function list(u: URL, res: ServerResponse): void {
    const limit = Number(u.searchParams.get('limit') ?? 25);
    const marker = u.searchParams.get('marker');
    const tags = u.searchParams.getAll('tag');
    let matching = images.filter((i) => tags.every((t) => (i['tags'] as string[]).includes(t)));
    for (const [k, v] of u.searchParams) {
      if (!['limit', 'marker', 'tag', 'sort'].includes(k)) matching = matching.filter((i) => String(i[k === 'os_hidden' ? 'os_hidden' : k]) === v);
    }
    let start = 0;
    if (marker) {
      start = matching.findIndex((i) => i.id === marker) + 1;
      if (start === 0) return json(res, 400, { message: `marker ${marker} not found` });
    }
    const page = matching.slice(start, start + limit);
    const body: Record<string, unknown> = { images: page, first: `/v2/images?limit=${limit}`, schema: '/v2/schemas/images' };
    if (page.length === limit) {
      const q = new URLSearchParams(u.searchParams);
      q.set('marker', page[page.length - 1]!.id);
      body['next'] = `/v2/images?${q.toString()}`;
    }
    json(res, 200, body);
  }

  function patch(img: GlanceImage, ops: Array<{ op: string; path: string; value?: unknown }>, res: ServerResponse): void {
    for (const op of ops) {
      const key = unpointer(op.path);
      if ((op.op === 'replace' || op.op === 'remove') && !(key in img)) return json(res, 409, { message: `Property ${key} does not exist.` });
      if (op.op === 'remove') delete img[key];
      else img[key] = op.value;
    }
    json(res, 200, img);
  }

  return {
    images,
    handle(req, res) {
      const u = new URL(req.path, 'http://x');
      if (!u.pathname.startsWith(`${prefix}/v2/`)) return false;
      const path = u.pathname.slice(prefix.length);
      const m = /^\/v2\/images\/([^/]+)(?:\/(file|stage|import|actions\/(?:de|re)activate))?$/.exec(path);
      if (path === '/v2/images' && req.method === 'GET') list(u, res);
      else if (path === '/v2/images' && req.method === 'POST') {
        const body = JSON.parse(req.body) as Record<string, unknown>;
        const img: GlanceImage = {
          status: 'queued',
          visibility: 'shared',
          tags: [],
          os_hidden: false,
          size: null,
          ...body,
          id: (body['id'] as string) ?? randomUUID(),
          self: '/v2/images/x',
          schema: '/v2/schemas/image',
        };
        images.push(img);
        json(res, 201, img, { Location: `/v2/images/${img.id}` });
      } else if (path === '/v2/info/import')
        json(res, 200, { 'import-methods': { description: 'x', type: 'array', value: ['glance-direct', 'web-download', 'copy-image'] } });
      else if (m) {
        const img = find(decodeURIComponent(m[1]!));
        if (!img) notFound(res, m[1]!);
        else if (!m[2] && req.method === 'GET') json(res, 200, img);
        else if (!m[2] && req.method === 'PATCH') {
          if (req.headers['content-type'] !== 'application/openstack-images-v2.1-json-patch') json(res, 415, { message: 'unsupported media type' });
          else patch(img, JSON.parse(req.body) as never, res);
        } else if (!m[2] && req.method === 'DELETE') {
          images.splice(images.indexOf(img), 1);
          res.writeHead(204).end();
        } else if (m[2] === 'file' || m[2] === 'stage') {
          Object.assign(img, m[2] === 'file' ? { status: 'active', size: Buffer.byteLength(req.body) } : { status: 'uploading' });
          res.writeHead(204).end();
        } else if (m[2] === 'import') {
          img['status'] = 'importing';
          res.writeHead(202).end();
        } else {
          img['status'] = m[2]?.endsWith('deactivate') ? 'deactivated' : 'active';
          res.writeHead(204).end();
        }
      } else json(res, 404, { message: 'not found' });
      return true;
    },
  };
}
