// A real OpenStack Swift (Debian's swift-proxy, swift-account, swift-container, swift-object) on
// 127.0.0.1, registered as the object-store service in a running local cloud's Keystone. Opt-in:
// only the test files that need object storage start one (in beforeAll) and stop it again, which
// also takes the object-store service out of the catalog, so the cloud is as the next file expects.
//
// Storage is a plain directory (mount_check = false), one replica, one device per ring. The proxy
// authenticates with keystonemiddleware (the cloud's service user) and authorises with
// keystoneauth: a project's admin/member owns AUTH_<project id>, created on first use.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalCloudInfo } from './cloud-info.js';
import { issueToken } from './keystone-rest.js';
import { PYTHON } from './local-cloud.js';
import { pollUntil } from './poll.js';
import { freePorts } from './ports.js';
import { guardOnExit, isAlive, spawnDetached, stopPids, unguard } from './processes.js';
import { SWIFT_LAUNCHER } from './swift-launcher.js';

const HOST = '127.0.0.1';

export interface LocalSwift {
  /** http://127.0.0.1:PORT (the proxy, no path) */
  proxyUrl: string;
  /** the catalog URL of a project's account: proxyUrl/v1/AUTH_<project id> */
  accountUrl(projectId: string): string;
  dir: string;
  pid: number;
  log: string;
  startMs: number;
  stop(): Promise<void>;
}

function preflight(): void {
  const missing = ['/usr/lib/python3/dist-packages/swift/proxy', '/usr/lib/python3/dist-packages/swift/obj'].filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`local Swift needs ${missing.join(', ')}: run scripts/ensure-system-deps.sh (swift-proxy, swift-object, ...)`);
}

async function keystone(cloud: LocalCloudInfo, method: string, p: string, token: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${cloud.keystoneUrl}${p}`, {
    method,
    headers: { 'X-Auth-Token': token, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`keystone ${method} ${p} -> ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export async function startLocalSwift(cloud: LocalCloudInfo): Promise<LocalSwift> {
  const t0 = performance.now();
  preflight();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'scs-images-swift-'));
  const bin = path.join(dir, 'bin');
  const devices = path.join(dir, 'srv');
  for (const d of [bin, path.join(devices, 'd1')]) await fsp.mkdir(d, { recursive: true });
  const [accountPort, containerPort, objectPort, proxyPort] = (await freePorts(4, HOST)) as [number, number, number, number];
  const common = (port: number) => `[DEFAULT]
bind_ip = ${HOST}
bind_port = ${port}
devices = ${devices}
mount_check = false
swift_dir = ${dir}
log_level = WARNING
`;
  const backend = (kind: string, port: number) =>
    fsp.writeFile(
      path.join(dir, `${kind}-server.conf`),
      `${common(port)}[pipeline:main]\npipeline = ${kind}-server\n[app:${kind}-server]\nuse = egg:swift#${kind}\n`,
    );
  const ks = cloud.keystoneUrl;
  const svc = cloud.serviceUser;
  await Promise.all([
    fsp.writeFile(
      path.join(dir, 'swift.conf'),
      `[swift-hash]\nswift_hash_path_suffix = ${crypto.randomBytes(8).toString('hex')}\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n`,
    ),
    backend('account', accountPort),
    backend('container', containerPort),
    backend('object', objectPort),
    fsp.writeFile(
      path.join(dir, 'proxy-server.conf'),
      `${common(proxyPort)}[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging authtoken keystoneauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
www_authenticate_uri = ${ks}
auth_url = ${ks}
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = ${svc.projectName}
username = ${svc.name}
password = ${svc.password}
interface = public
`,
    ),
    fsp.writeFile(path.join(bin, 'swift-run.py'), SWIFT_LAUNCHER),
  ]);
  const log = path.join(dir, 'swift.out');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(https?_proxy|all_proxy|no_proxy|PYTHONHOME|PYTHONPATH)$/i.test(k)) delete env[k];
  const pid = spawnDetached({
    argv: [PYTHON, path.join(bin, 'swift-run.py'), dir, String(accountPort), String(containerPort), String(objectPort), String(proxyPort)],
    env,
    logFile: log,
    cwd: dir,
  });
  const marker = bin + path.sep;
  guardOnExit(dir, [pid], marker, dir);
  const proxyUrl = `http://${HOST}:${proxyPort}`;
  const tail = (): string => {
    try {
      return fs.readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(no log)';
    }
  };
  let serviceId: string | undefined;
  const admin = await issueToken(ks, 'admin', cloud.users.admin.password, 'admin');
  const unregister = async (): Promise<void> => {
    if (serviceId) await keystone(cloud, 'DELETE', `/v3/services/${serviceId}`, (await issueToken(ks, 'admin', cloud.users.admin.password, 'admin')).token);
    serviceId = undefined;
  };
  const stop = async (): Promise<void> => {
    unguard(dir);
    await unregister().catch(() => {});
    await stopPids([pid], marker, 2000);
    await fsp.rm(dir, { recursive: true, force: true });
  };
  try {
    const service = (await keystone(cloud, 'POST', '/v3/services', admin.token, { service: { type: 'object-store', name: 'swift' } })) as {
      service: { id: string };
    };
    serviceId = service.service.id;
    await keystone(cloud, 'POST', '/v3/endpoints', admin.token, {
      endpoint: { service_id: serviceId, interface: 'public', url: `${proxyUrl}/v1/AUTH_$(project_id)s`, region_id: cloud.region },
    });
    await pollUntil(
      async () => {
        const res = await fetch(`${proxyUrl}/healthcheck`, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        return res.ok ? true : undefined;
      },
      {
        timeoutMs: 60_000,
        what: `swift proxy ${proxyUrl}/healthcheck (dir ${dir})`,
        check: () => {
          if (!isAlive(pid)) throw new Error(`swift died during start-up (dir ${dir})\n${tail()}`);
        },
        onTimeout: tail,
      },
    );
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
  return {
    proxyUrl,
    accountUrl: (projectId) => `${proxyUrl}/v1/AUTH_${projectId}`,
    dir,
    pid,
    log,
    startMs: Math.round(performance.now() - t0),
    stop,
  };
}
