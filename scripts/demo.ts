// The newcomer's demo, the whole story on a real Keystone + Glance on 127.0.0.1:
//   1. a bare cloud fails the check;
//   2. `init` writes image definitions for the spec (tiny local disk images, served on loopback,
//      stand in for the upstream downloads; image_source still names the official upstream);
//   3. `ensure` validates, applies and checks; a member's check then passes (HTML report written);
//   4. an image uploaded by hand with the usual problems makes the check fail again, with findings.
// Run through `npm run demo`; output under .tmp/demo/ (definitions and HTML reports).
import { spawn } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDiskImage } from '../test/harness/disk-images.js';
import { startImageServer } from '../test/harness/image-server.js';
import { startLocalCloud } from '../test/harness/local-cloud.js';
import { createImage } from '../test/harness/seed.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, '.tmp', 'demo');
const t0 = performance.now();
const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[0m` : s);
const say = (s: string) => process.stdout.write(`\n${bold(`==> ${s}`)}\n`);

// where `init --base-url` points the downloads (the official paths below a local base, docs/init.md)
const MIRRORED = {
  ubuntu: 'ubuntu/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img',
  debian: 'debian/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
  capi: 'capi/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.35/ubuntu-2404-kube-v1.35.5.qcow2',
};

/** Asynchronous on purpose: this process also serves the disk images Glance downloads. */
function cli(args: string[], env: Record<string, string>): Promise<number> {
  console.log(`$ scs-images ${args.join(' ').replaceAll(out, '.tmp/demo')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/scs-images', ...args], { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
say('Starting a real Keystone + Glance (Debian packages) on 127.0.0.1');
const cloud = await startLocalCloud({ dir: path.join(out, 'cloud'), verbose: false });
const server = await (async () => {
  const www = path.join(out, 'www');
  let size = 16;
  for (const rel of Object.values(MIRRORED)) {
    await mkdir(path.dirname(path.join(www, rel)), { recursive: true });
    const img = await makeDiskImage(out, `tiny-${size}`, { virtualMiB: size++ });
    await rename(img.file, path.join(www, rel));
  }
  return startImageServer(www);
})();
const codes: number[] = [];
try {
  const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
  console.log(`Keystone ${cloud.authUrl}, Glance ${cloud.glanceUrl}; tiny disk images at ${server.url}`);

  say('1. The bare cloud, checked as a member user (as the SCS compliance test does)');
  codes.push(await cli(['check', '--cloud', 'local-demo', '--spec', 'scs-0104-v1-images-v5'], env));

  say('2. Image definitions for every mandatory and recommended entry of the spec');
  const defs = path.join(out, 'images');
  codes.push(
    await cli(
      ['init', '--spec', 'scs-0104-v1-images-v5', '--out', defs, ...Object.keys(MIRRORED).flatMap((f) => ['--base-url', `${f}=${server.url}/${f}`])],
      env,
    ),
  );

  say('3. ensure: validate and predict, apply (as the admin, who may publish images), check');
  codes.push(await cli(['ensure', '--cloud', 'local-admin', '--images', defs, '--spec', 'scs-0104-v1-images-v5', '--progress', 'plain'], env));

  say('   The full SCS-compatible IaaS scope (v5.1: scs-0102 metadata and scs-0104), as a member');
  codes.push(await cli(['check', '--cloud', 'local-demo', '--format', 'html', '-o', path.join(out, 'report-compliant.html')], env));

  say('4. Someone uploads a CAPI image by hand, without image_source');
  await createImage(cloud, 'admin', { name: 'ubuntu-capi-image-v1.32.0', visibility: 'public', properties: { os_distro: 'ubuntu', os_version: '24.04' } });
  codes.push(await cli(['check', '--cloud', 'local-demo'], env));
  await cli(['check', '--cloud', 'local-demo', '--format', 'html', '-o', path.join(out, 'report-problems.html')], env);

  say(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s. Definitions: .tmp/demo/images/; HTML reports: .tmp/demo/report-*.html`);
  // the story: bare fails (1), init ok (0), ensure ok (0), scope passes (0), hand-made image fails (1)
  process.exitCode = JSON.stringify(codes) === JSON.stringify([1, 0, 0, 0, 1]) ? 0 : 1;
  if (process.exitCode) console.log(`unexpected exit codes: ${codes.join(', ')}`);
} finally {
  await server.close();
  await cloud.stop({ purge: true });
}
