// Everything a local Keystone + Glance needs on disk, under one directory.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GLANCE_LAUNCHER, KEYSTONE_LAUNCHER } from './launchers.js';

export interface CloudLayout {
  dir: string;
  bin: string;
  logDir: string;
  keystoneConf: string;
  keystoneLauncher: string;
  glanceConf: string;
  glanceDb: string;
  glanceLauncher: string;
}

export interface ConfigParams {
  host: string;
  keystonePort: number;
  glancePort: number;
  glanceWorkers: number;
  glanceServicePassword: string;
  enabledImportMethods: string[];
  allowedImportHosts: string[];
}

export function layout(dir: string): CloudLayout {
  return {
    dir,
    bin: path.join(dir, 'bin'),
    logDir: path.join(dir, 'log'),
    keystoneConf: path.join(dir, 'keystone', 'keystone.conf'),
    keystoneLauncher: path.join(dir, 'bin', 'keystone-run.py'),
    glanceConf: path.join(dir, 'glance', 'glance-api.conf'),
    glanceDb: path.join(dir, 'glance', 'glance.db'),
    glanceLauncher: path.join(dir, 'bin', 'glance-run.py'),
  };
}

/** A urlsafe-base64 32-byte Fernet key, as `keystone-manage fernet_setup` writes (doing it here saves ~3.5 s). */
const fernetKey = (): string => crypto.randomBytes(32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

// oslo.config ListOpts with bounds=True (enabled_import_methods, allowed_hosts, allowed_ports) MUST be
// written with brackets; without them glance starts but the option silently fails to parse.
const bracketList = (items: string[]): string => `[${items.join(',')}]`;

export async function writeCloudFiles(l: CloudLayout, p: ConfigParams): Promise<void> {
  const k = path.dirname(l.keystoneConf);
  const g = path.dirname(l.glanceConf);
  for (const d of [l.bin, l.logDir, k, g, ...['store1', 'store2', 'staging', 'tasks', 'lock'].map((s) => path.join(g, s))]) {
    await fs.mkdir(d, { recursive: true });
  }
  for (const repo of ['fernet-keys', 'credential-keys']) {
    const d = path.join(k, repo);
    await fs.mkdir(d, { mode: 0o700 });
    // 0 = staged key, 1 = primary key
    for (const i of ['0', '1']) await fs.writeFile(path.join(d, i), fernetKey(), { mode: 0o600 });
  }
  const ksUrl = `http://${p.host}:${p.keystonePort}`;

  await fs.writeFile(
    l.keystoneConf,
    `[DEFAULT]
log_file = ${l.logDir}/keystone.log
[database]
# the threaded WSGI server may finalize a sqlite connection in another thread
connection = sqlite:///${k}/keystone.db?check_same_thread=false
# no fsync per commit: throw-away test data
sqlite_synchronous = false
[token]
provider = fernet
[fernet_tokens]
key_repository = ${k}/fernet-keys
[fernet_receipts]
key_repository = ${k}/fernet-keys
[credential]
key_repository = ${k}/credential-keys
[cache]
# one keystone process: an in-process cache is coherent and spares the db work of every token validation
enabled = true
backend = dogpile.cache.memory
[identity]
# bcrypt cost 4 instead of 12: token issue ~80 ms instead of ~280 ms (test-only)
password_hash_rounds = 4
`,
  );

  await fs.writeFile(
    l.glanceConf,
    `[DEFAULT]
bind_host = ${p.host}
bind_port = ${p.glancePort}
# 0 = one eventlet process (~150 MB); N = parent + N forked workers
workers = ${p.glanceWorkers}
log_file = ${l.logDir}/glance-api.log
use_stderr = false
# two file stores: copy-image becomes meaningful and images get a "stores" attribute
enabled_backends = store1:file,store2:file
enabled_import_methods = ${bracketList(p.enabledImportMethods)}
[glance_store]
default_backend = store1
[store1]
filesystem_store_datadir = ${g}/store1/
[store2]
filesystem_store_datadir = ${g}/store2/
[os_glance_staging_store]
filesystem_store_datadir = ${g}/staging/
[os_glance_tasks_store]
filesystem_store_datadir = ${g}/tasks/
[database]
connection = sqlite:///${l.glanceDb}
sqlite_synchronous = false
[keystone_authtoken]
www_authenticate_uri = ${ksUrl}
auth_url = ${ksUrl}
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = ${p.glanceServicePassword}
# default 'internal': only a public identity endpoint exists -> EndpointNotFound -> HTTP 500 everywhere
interface = public
[paste_deploy]
flavor = keystone
config_file = ${g}/glance-api-paste.ini
[oslo_concurrency]
lock_path = ${g}/lock
[import_filtering_opts]
# web-download refuses loopback unless listed; default ports are only [80,443]; [] = any port
allowed_hosts = ${bracketList(p.allowedImportHosts)}
allowed_ports = []
`,
  );

  // python3-glance ships no paste ini (that is in the glance-api .deb): our own minimal pipeline
  await fs.writeFile(
    path.join(g, 'glance-api-paste.ini'),
    `[pipeline:glance-api-keystone]
pipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation authtoken context rootapp
[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app
[app:apiversions]
paste.app_factory = glance.api.versions:create_resource
[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory
[filter:healthcheck]
paste.filter_factory = oslo_middleware:Healthcheck.factory
backends = disable_by_file
disable_by_file_path = /nonexistent/healthcheck_disable
[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory
[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = glance
oslo_config_program = glance-api
[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
`,
  );

  await fs.writeFile(l.keystoneLauncher, KEYSTONE_LAUNCHER);
  await fs.writeFile(l.glanceLauncher, GLANCE_LAUNCHER);
}
