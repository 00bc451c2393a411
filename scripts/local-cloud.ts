// Manual local cloud for demos, benchmarks and fast test iteration:
//   npx tsx scripts/local-cloud.ts start  [--dir D] [--glance-workers N] [--keystone-port P] [--glance-port P]
//                                         [--import-methods glance-direct,web-download,copy-image]
//   npx tsx scripts/local-cloud.ts status [--dir D]     (exit 0 = running and healthy)
//   npx tsx scripts/local-cloud.ts stop   [--dir D] [--keep]   (--keep leaves config + logs)
// Default dir: .tmp/local-cloud in the repo. The services keep running after `start` returns.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isCloudHealthy, readCloudInfo, startLocalCloud, stopLocalCloud, type LocalCloudInfo } from '../test/harness/local-cloud.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: path.join(repo, '.tmp', 'local-cloud') },
    'glance-workers': { type: 'string' },
    'keystone-port': { type: 'string' },
    'glance-port': { type: 'string' },
    'import-methods': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const dir = path.resolve(values.dir);
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function printEnv(info: LocalCloudInfo): void {
  console.log(`# keystone ${info.authUrl}  glance ${info.glanceUrl}  logs ${path.join(info.dir, 'log')}`);
  console.log(
    `# clouds: ${Object.values(info.users)
      .map((u) => u.cloud)
      .join(', ')}`,
  );
  console.log(`export OS_CLIENT_CONFIG_FILE=${info.cloudsYaml}`);
  console.log('export OS_CLOUD=local-admin');
  console.log(`export SCS_TEST_CLOUD_DIR=${info.dir}   # vitest integration tests reuse this cloud`);
}

async function main(cmd: string | undefined): Promise<number> {
  const info = await readCloudInfo(dir);
  switch (cmd) {
    case 'start': {
      if (info) {
        if (await isCloudHealthy(info)) {
          console.error(`already running in ${dir}`);
          printEnv(info);
          return 0;
        }
        console.error(`${dir} holds a cloud that is not running: run "stop" first`);
        return 1;
      }
      const cloud = await startLocalCloud({
        dir,
        killOnExit: false, // outlive this command
        glanceWorkers: num(values['glance-workers']),
        keystonePort: num(values['keystone-port']),
        glancePort: num(values['glance-port']),
        enabledImportMethods: values['import-methods']?.split(','),
      });
      printEnv(cloud);
      return 0;
    }
    case 'status': {
      if (!info) {
        console.error(`no cloud in ${dir}`);
        return 1;
      }
      const healthy = await isCloudHealthy(info);
      console.error(`${healthy ? 'running' : 'NOT running'}: ${dir} (keystone pid ${info.pids.keystone}, glance pid ${info.pids.glance})`);
      if (healthy) printEnv(info);
      return healthy ? 0 : 1;
    }
    case 'stop': {
      if (!info) {
        console.error(`no cloud in ${dir}`);
        return 0;
      }
      await stopLocalCloud(info, { purge: !values.keep });
      console.error(`stopped${values.keep ? '' : ' and removed'} ${dir}`);
      return 0;
    }
    default:
      console.error('usage: npx tsx scripts/local-cloud.ts start|stop|status [--dir D]');
      return 2;
  }
}

process.exitCode = await main(positionals[0]);
