// Serves the recorded upstream documents of test/fixtures/upstream from 127.0.0.1 at the paths they
// have upstream, one path prefix per distribution, for `update --base-url <distro>=<base>/<distro>`.
// Anything else is a 404 (as upstream answers for a missing file); HEAD answers carry a fixed
// Last-Modified, which is what Rocky's and CentOS 7's versions come from.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const here = (rel: string) => fileURLToPath(new URL(`../../../test/fixtures/upstream/${rel}`, import.meta.url));

/** Upstream path (under the distribution's prefix) → recorded file. */
export const ROUTES: Readonly<Record<string, string>> = {
  '/ubuntu/noble/': 'ubuntu2404/index.html',
  '/ubuntu/noble/20260705/SHA256SUMS': 'ubuntu2404/SHA256SUMS',
  '/ubuntu/releases/noble/': 'ubuntu2404-releases/index.html',
  '/ubuntu/releases/noble/release-20260705/SHA256SUMS': 'ubuntu2404-releases/SHA256SUMS',
  '/debian/cdimage/cloud/trixie/daily/': 'debian13/index.html',
  '/debian/cdimage/cloud/trixie/daily/20260717-2542/SHA512SUMS': 'debian13/SHA512SUMS',
  '/almalinux/almalinux/9/cloud/x86_64/images/CHECKSUM': 'almalinux9/CHECKSUM',
  '/rocky/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud.latest.x86_64.qcow2.CHECKSUM': 'rocky9/CHECKSUM',
  '/centos-stream/centos/9-stream/x86_64/images/CHECKSUM': 'centos_stream9/CHECKSUM',
  '/centos-stream/centos/7/images/sha256sum.txt': 'centos7/sha256sum.txt',
  '/almalinux/almalinux/10/cloud/x86_64/images/CHECKSUM': 'almalinux10/CHECKSUM',
  '/rocky/pub/rocky/10/images/x86_64/Rocky-10-GenericCloud-Base.latest.x86_64.qcow2.CHECKSUM': 'rocky10/CHECKSUM',
  '/centos-stream/centos/10-stream/x86_64/images/CHECKSUM': 'centos_stream10/CHECKSUM',
  '/opensuse/distribution/leap/16.0/appliances/Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2.sha256':
    'opensuse_leap16/Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2.sha256',
};

/** Sent with every HEAD: the day Rocky's recorded CHECKSUM was taken. */
export const LAST_MODIFIED = 'Mon, 20 Jul 2026 06:12:00 GMT';

export interface UpstreamServer {
  url: string;
  /** `--base-url` arguments for every distribution. */
  baseUrlArgs(): string[];
  /** Request log: `GET /ubuntu/noble/`. */
  requests: string[];
  /** Answer this path with the given status instead (e.g. 404, 500). */
  fail(path: string, status: number): void;
  /** Serve the recorded documents again everywhere. */
  heal(): void;
  close(): Promise<void>;
}

export async function serveUpstream(): Promise<UpstreamServer> {
  const requests: string[] = [];
  const failing = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    requests.push(`${req.method} ${path}`);
    const status = failing.get(path);
    if (status) return void res.writeHead(status, { 'content-type': 'text/html' }).end(`<html><body><h1>${status}</h1></body></html>`);
    if (req.method === 'HEAD') return void res.writeHead(200, { 'last-modified': LAST_MODIFIED, 'content-length': '645988352' }).end();
    const rel = ROUTES[path];
    if (!rel) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Not Found</h1></body></html>');
    readFile(here(rel)).then(
      (body) => res.writeHead(200, { 'content-type': rel.endsWith('.html') ? 'text/html' : 'text/plain' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    baseUrlArgs: () => ['ubuntu', 'debian', 'almalinux', 'rocky', 'centos-stream', 'opensuse'].flatMap((d) => ['--base-url', `${d}=${url}/${d}`]),
    fail: (path, status) => void failing.set(path, status),
    heal: () => failing.clear(),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
