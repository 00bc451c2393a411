// The newcomer's demo: a real Keystone + Glance on 127.0.0.1, a compliant set of images, a check
// (COMPLIANT), then images with the problems operators really have, and a second check with
// findings (NOT COMPLIANT). Ends by stopping the cloud. Run through `npm run demo`.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLocalCloud } from '../test/harness/local-cloud.js';
import { createImage } from '../test/harness/seed.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const say = (s: string) => process.stdout.write(`\n\u001b[1m==> ${s}\u001b[0m\n`.replace(/\u001b\[[0-9;]*m/g, process.stdout.isTTY ? '$&' : ''));

// dates relative to today, so the demo tells the same story whenever it runs
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
// the SCS-0102 metadata every image carries (plus os_distro, os_version and image_source below)
const common = { architecture: 'x86_64', hw_disk_bus: 'scsi', hypervisor_type: 'qemu', hw_rng_model: 'virtio', replace_frequency: 'monthly', provided_until: 'none', uuid_validity: 'last-3', image_build_date: daysAgo(5), image_original_user: 'ubuntu', image_description: 'https://docs.scs.community/standards/scs-0104-v1-standard-images' };
const COMPLIANT = [
  { name: 'Ubuntu 24.04', properties: { ...common, os_distro: 'ubuntu', os_version: '24.04', image_source: 'https://cloud-images.ubuntu.com/releases/noble/release-20261120/ubuntu-24.04-server-cloudimg-amd64.img' } },
  { name: 'Ubuntu 22.04', properties: { ...common, os_distro: 'ubuntu', os_version: '22.04', image_source: 'https://cloud-images.ubuntu.com/jammy/20261118/jammy-server-cloudimg-amd64.img' } },
  { name: 'Debian 12', properties: { ...common, image_original_user: 'debian', os_distro: 'debian', os_version: '12', image_source: 'https://cloud.debian.org/images/cloud/bookworm/20261115-2298/debian-12-genericcloud-amd64-20261115-2298.qcow2' } },
  { name: 'ubuntu-capi-image-v1.31.4', properties: { ...common, os_distro: 'ubuntu', os_version: '24.04', os_purpose: 'k8snode', image_source: 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.31/ubuntu-2404-kube-v1.31.4.qcow2' } },
];
const PROBLEMS = [
  // an operator's own mirror is not an allowed source
  { name: 'Debian 12', properties: { ...common, image_original_user: 'debian', os_distro: 'debian', os_version: '12', image_source: 'https://mirror.example.net/debian-cloud/bookworm/debian-12-genericcloud-amd64.qcow2' } },
  // a CAPI image uploaded by hand, without image_source
  { name: 'ubuntu-capi-image-v1.32.0', properties: { ...common, os_distro: 'ubuntu', os_version: '24.04', os_purpose: 'k8snode' } },
  // plain http is not the allowed https prefix; and a monthly image last built in spring is outdated
  { name: 'Ubuntu 22.04', properties: { ...common, os_distro: 'ubuntu', os_version: '22.04', image_build_date: daysAgo(120), provided_until: daysAgo(-365), image_source: 'http://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img' } },
];

function check(env: Record<string, string>): number {
  const args = ['bin/scs-images', 'check', '--cloud', 'local-demo'];
  console.log(`$ ${args.join(' ').replace('bin/', './bin/')}`);
  return spawnSync(process.execPath, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

const dir = await mkdtemp(path.join(tmpdir(), 'scs-images-demo-'));
say('Starting a real Keystone + Glance (Debian packages) on 127.0.0.1');
const cloud = await startLocalCloud({ dir: path.join(dir, 'cloud'), verbose: false });
try {
  const env = { OS_CLIENT_CONFIG_FILE: cloud.cloudsYaml };
  console.log(`Keystone ${cloud.authUrl}, Glance ${cloud.glanceUrl}; clouds.yaml: ${cloud.cloudsYaml}`);

  say(`Uploading ${COMPLIANT.length} public images as the admin (a compliant set)`);
  for (const img of COMPLIANT) {
    await createImage(cloud, 'admin', { ...img, visibility: 'public', minDisk: 8, minRam: 512 });
    console.log(`  + ${img.name}  image_source=${img.properties.image_source}`);
  }
  say('Checking the cloud as a member user, as the SCS compliance test does');
  const first = check(env);
  console.log(`(exit code ${first}: 0 = compliant)`);

  say(`Adding ${PROBLEMS.length} images with problems operators really have`);
  for (const img of PROBLEMS) {
    await createImage(cloud, 'admin', { ...img, visibility: 'public', minDisk: 8, minRam: 512 });
    console.log(`  + ${img.name}  image_source=${(img.properties as Record<string, string>)["image_source"] ?? "(none)"}`);
  }
  say('Checking again');
  const second = check(env);
  console.log(`(exit code ${second}: 1 = not compliant)`);
  say(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s. Try: ./bin/scs-images check --help`);
  process.exitCode = first === 0 && second === 1 ? 0 : 1;
} finally {
  await cloud.stop({ purge: true });
}
