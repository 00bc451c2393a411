// A real Keystone + Glance (Debian's OpenStack packages) on 127.0.0.1 for integration tests,
// demos and benchmarks. Starts in ~4 s: keys are written directly, db setup and serving share one
// Python process per service, both services start in parallel, passwords hash with bcrypt cost 4.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeCloudsYaml } from './clouds-yaml.js';
import { layout, writeCloudFiles, type CloudLayout } from './config-files.js';
import { CLOUD_JSON, connectLocalCloud, httpOk, markerOf } from './cloud-handle.js';
import { CLOUD_USERS, type CloudAccount, type CloudUserName, type LocalCloud, type LocalCloudInfo, type StartOptions } from './cloud-info.js';
import { issueToken, registerCloud } from './keystone-rest.js';
import { pollUntil } from './poll.js';
import { assertPortFree, freePorts } from './ports.js';
import { guardOnExit, isAlive, spawnDetached, stopPids, unguard } from './processes.js';

// one import for users of the harness
export * from './cloud-info.js';
export { connectLocalCloud, isCloudHealthy, readCloudInfo, stopLocalCloud } from './cloud-handle.js';

export const PYTHON = '/usr/bin/python3'; // Debian's: a pyenv/venv python3 cannot see dist-packages
const HOST = '127.0.0.1';
const REGION = 'RegionOne';
export const DEFAULT_IMPORT_METHODS = ['glance-direct', 'web-download', 'copy-image'];

const password = (): string => crypto.randomBytes(18).toString('base64url');

/** Child env: loopback only, so no proxy variable may reroute keystonemiddleware or web-download. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of Object.keys(env)) {
    if (/^(https?_proxy|all_proxy|no_proxy)$/i.test(k) || k === 'PYTHONHOME' || k === 'PYTHONPATH') delete env[k];
  }
  return env;
}

function tail(files: string[], lines = 30): string {
  return files
    .map((f) => {
      let text = '';
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch {
        return `--- ${f}: (missing)`;
      }
      return `--- ${f} (last ${lines} lines):\n${text
        .split('\n')
        .slice(-lines - 1)
        .join('\n')}`;
    })
    .join('\n');
}

function preflight(): void {
  const missing = [PYTHON, '/usr/lib/python3/dist-packages/keystone', '/usr/lib/python3/dist-packages/glance'].filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`local cloud needs ${missing.join(', ')}: run scripts/ensure-system-deps.sh`);
}

async function prepareDir(dir: string | undefined): Promise<string> {
  if (!dir) return fsp.mkdtemp(path.join(os.tmpdir(), 'scs-images-cloud-'));
  const abs = path.resolve(dir);
  await fsp.mkdir(abs, { recursive: true, mode: 0o700 });
  if ((await fsp.readdir(abs)).length) throw new Error(`${abs} is not empty (stop and purge the old cloud first)`);
  return abs;
}

/**
 * Start a cloud. Under heavy load a service has been seen to die during its one-process
 * db_sync + bootstrap (keystone printed its CLI usage once in many runs); with a temp dir of our
 * own, one fresh attempt follows before the error is reported.
 */
export async function startLocalCloud(opts: StartOptions = {}): Promise<LocalCloud> {
  try {
    return await startOnce(opts);
  } catch (e) {
    if (opts.dir || !(e instanceof Error) || !/died during start-up/.test(e.message)) throw e;
    process.stderr.write(`[local-cloud] start failed, retrying once in a fresh dir: ${e.message.split('\n')[0]}\n`);
    return startOnce(opts);
  }
}

async function startOnce(opts: StartOptions): Promise<LocalCloud> {
  const t0 = performance.now();
  const verbose = opts.verbose ?? true;
  const log = (msg: string): void => {
    if (verbose) process.stderr.write(`[local-cloud +${Math.round(performance.now() - t0)}ms] ${msg}\n`);
  };
  preflight();
  const [kp, gp] = await freePorts(2, HOST);
  const keystonePort = opts.keystonePort ?? kp!;
  const glancePort = opts.glancePort ?? gp!;
  // a fixed port someone else serves on would make our health checks talk to *their* keystone
  for (const p of [opts.keystonePort, opts.glancePort]) if (p !== undefined) await assertPortFree(p, HOST);
  const dir = await prepareDir(opts.dir);
  const ownTempDir = !opts.dir; // ours to delete if the process dies; a caller's dir keeps its logs
  const l: CloudLayout = layout(dir);
  const keystoneUrl = `http://${HOST}:${keystonePort}`;
  const glanceUrl = `http://${HOST}:${glancePort}`;
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  const pw = { admin: password(), demo: password(), other: password(), glance: password() };
  const enabledImportMethods = opts.enabledImportMethods ?? DEFAULT_IMPORT_METHODS;
  const allowedImportHosts = opts.allowedImportHosts ?? ['127.0.0.1', 'localhost'];
  const glanceWorkers = opts.glanceWorkers ?? 0;

  await writeCloudFiles(l, {
    host: HOST,
    keystonePort,
    glancePort,
    glanceWorkers,
    glanceServicePassword: pw.glance,
    enabledImportMethods,
    allowedImportHosts,
  });
  const logs = {
    keystone: [path.join(l.logDir, 'keystone.out'), path.join(l.logDir, 'keystone.log')],
    glance: [path.join(l.logDir, 'glance.out'), path.join(l.logDir, 'glance-api.log')],
  };
  const marker = markerOf(dir);
  const pids = {
    keystone: spawnDetached({
      argv: [PYTHON, l.keystoneLauncher, l.keystoneConf, HOST, String(keystonePort)],
      env: childEnv({ OS_BOOTSTRAP_PASSWORD: pw.admin }),
      logFile: logs.keystone[0]!,
      cwd: dir,
    }),
    glance: spawnDetached({
      argv: [PYTHON, l.glanceLauncher, l.glanceConf, l.glanceDb],
      env: childEnv({}),
      logFile: logs.glance[0]!,
      cwd: dir,
    }),
  };
  if (opts.killOnExit ?? true) guardOnExit(dir, [pids.keystone, pids.glance], marker, ownTempDir ? dir : undefined);
  log(`dir ${dir}; keystone pid ${pids.keystone} :${keystonePort}, glance pid ${pids.glance} :${glancePort}`);

  // one failure (a dead process) aborts both waits at once instead of running into the timeout
  let failed: Error | undefined;
  const alive = (name: 'keystone' | 'glance') => (): void => {
    if (failed) throw failed;
    if (!isAlive(pids[name])) {
      failed = new Error(`${name} died during start-up (dir ${dir})\n${tail(logs[name])}`);
      throw failed;
    }
  };
  const waitOpts = (name: 'keystone' | 'glance', what: string) => ({
    timeoutMs,
    what: `${what} (dir ${dir})`,
    check: alive(name),
    onTimeout: () => tail(logs[name]),
  });

  try {
    const keystoneReady = (async () => {
      await pollUntil(() => httpOk(`${keystoneUrl}/v3`), waitOpts('keystone', `keystone ${keystoneUrl}/v3`));
      log('keystone answers /v3');
      const regs = await registerCloud({
        keystoneUrl,
        glanceUrl,
        adminPassword: pw.admin,
        accounts: [
          { user: 'glance', project: 'service', password: pw.glance, role: 'admin' }, // keystonemiddleware's
          { user: 'demo', project: 'demo', password: pw.demo, role: 'member' },
          { user: 'other', project: 'other', password: pw.other, role: 'member' },
        ],
      });
      log('catalog, projects and users registered');
      return regs;
    })();
    const glanceReady = pollUntil(() => httpOk(`${glanceUrl}/healthcheck`), waitOpts('glance', `glance ${glanceUrl}/healthcheck`)).then(() =>
      log('glance healthcheck OK'),
    );
    const [regs] = await Promise.all([keystoneReady, glanceReady]);

    // end to end: admin token -> keystonemiddleware validates it with the service user -> 200
    const admin = await issueToken(keystoneUrl, 'admin', pw.admin, 'admin');
    await pollUntil(
      async () => {
        const res = await fetch(`${glanceUrl}/v2/images?limit=1`, { headers: { 'X-Auth-Token': admin.token, Accept: 'application/json' } });
        await res.body?.cancel();
        if (res.status !== 200) throw new Error(`GET /v2/images -> ${res.status}`); // retried; the timeout shows the log
        return true;
      },
      waitOpts('glance', 'authenticated GET /v2/images = 200'),
    );

    const account = (name: CloudUserName, projectId: string, userId: string): CloudAccount => ({
      name,
      password: pw[name],
      projectName: name,
      projectId,
      userId,
      role: name === 'admin' ? 'admin' : 'member',
      cloud: `local-${name}`,
    });
    const users: Record<CloudUserName, CloudAccount> = {
      admin: account('admin', admin.projectId, admin.userId),
      demo: account('demo', regs.demo!.projectId, regs.demo!.userId),
      other: account('other', regs.other!.projectId, regs.other!.userId),
    };
    const cloudsYaml = path.join(dir, 'clouds.yaml');
    await writeCloudsYaml(
      cloudsYaml,
      `${keystoneUrl}/v3`,
      REGION,
      CLOUD_USERS.map((u) => ({
        cloud: users[u].cloud,
        username: u,
        password: users[u].password,
        projectName: users[u].projectName,
      })),
    );
    const info: LocalCloudInfo = {
      dir,
      cloudsYaml,
      keystoneUrl,
      authUrl: `${keystoneUrl}/v3`,
      glanceUrl,
      region: REGION,
      users,
      projectIds: { admin: users.admin.projectId, demo: users.demo.projectId, other: users.other.projectId },
      serviceUser: { name: 'glance', password: pw.glance, projectName: 'service' },
      enabledImportMethods,
      allowedImportHosts,
      glanceWorkers,
      pids,
      logs,
      startMs: Math.round(performance.now() - t0),
    };
    await fsp.writeFile(path.join(dir, CLOUD_JSON), JSON.stringify(info, null, 2), { mode: 0o600 });
    log(`ready in ${info.startMs} ms (keystone ${keystoneUrl}, glance ${glanceUrl})`);
    return connectLocalCloud(info, { admin });
  } catch (e) {
    unguard(dir);
    await stopPids([pids.keystone, pids.glance], marker, 2000).catch(() => {});
    throw e;
  }
}
