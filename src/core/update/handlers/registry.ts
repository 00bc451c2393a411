/**
 * The update handlers, and which one serves a definition. To support another distribution, add
 * an entry here (datedFolderHandler or manifestHandler, or an own UpstreamHandler) and a fixture
 * test; nothing else changes.
 */
import { hostOf } from '../url-parts.js';
import { datedFolderHandler, withFolderSuffix } from './dated-folder.js';
import { manifestHandler } from './manifest-dir.js';
import { perFileManifestHandler } from './per-file-manifest.js';
import type { UpstreamHandler, UpstreamSource } from './types.js';

export const HANDLERS: readonly UpstreamHandler[] = [
  // before ubuntu: its shortnames (`ubuntu-capi-image`) would otherwise take Ubuntu's handler
  perFileManifestHandler({
    id: 'osism-capi',
    shortnamePrefixes: ['ubuntu-capi-image'],
    // the bucket's homes over the years (scs-0104 v5 lists the first two as sources)
    hosts: ['nbg1.your-objectstorage.com', 'swift.services.a.regiocloud.tech', 'minio.services.osism.tech'],
    osDistros: [],
    suffix: '.CHECKSUM',
    // the series image (`ubuntu-2404-kube-v1.33.qcow2`) is replaced by each patch release
    pointerFile: /-v\d+\.\d+\.[a-z0-9]+$/,
  }),
  datedFolderHandler({
    id: 'ubuntu',
    shortnamePrefixes: ['ubuntu'],
    hosts: ['cloud-images.ubuntu.com'],
    osDistros: ['ubuntu'],
    defaultManifest: 'SHA256SUMS',
    fileInBuild: (file) => file,
  }),
  datedFolderHandler({
    id: 'debian',
    shortnamePrefixes: ['debian'],
    hosts: ['cloud.debian.org', 'cdimage.debian.org'],
    osDistros: ['debian'],
    defaultManifest: 'SHA512SUMS',
    fileInBuild: withFolderSuffix,
  }),
  manifestHandler({
    id: 'almalinux',
    shortnamePrefixes: ['almalinux', 'alma'],
    hosts: ['repo.almalinux.org'],
    osDistros: ['almalinux'],
    defaultManifest: 'CHECKSUM',
  }),
  manifestHandler({
    id: 'rocky',
    shortnamePrefixes: ['rocky'],
    hosts: ['download.rockylinux.org', 'dl.rockylinux.org'],
    osDistros: ['rocky'],
    defaultManifest: 'CHECKSUM',
  }),
  // CentOS Stream, and CentOS 7 whose definitions use the same HEREBE/DRAGONS pattern
  manifestHandler({
    id: 'centos-stream',
    shortnamePrefixes: ['centos'],
    hosts: ['cloud.centos.org'],
    osDistros: ['centos'],
    defaultManifest: 'CHECKSUM',
  }),
  // openSUSE Leap: no directory manifest, a `<file>.sha256` beside each appliance image
  manifestHandler({
    id: 'opensuse',
    shortnamePrefixes: ['opensuse'],
    hosts: ['download.opensuse.org', 'ftp.gwdg.de'],
    osDistros: ['opensuse'],
    defaultManifest: 'SHA256SUMS',
    manifestFor: (file) => `${file}.sha256`,
  }),
];

/**
 * The handler for a definition, by the most specific evidence first: `shortname` prefix (the
 * OIM convention, e.g. `ubuntu-24.04`), then the host of latest_url, then `os_distro` (last:
 * OIM's AlmaLinux definitions say `os_distro: centos`).
 */
export function selectHandler(src: UpstreamSource, handlers: readonly UpstreamHandler[] = HANDLERS): UpstreamHandler | undefined {
  const short = src.shortname?.toLowerCase();
  if (short) {
    const h = handlers.find((x) => x.shortnamePrefixes.some((p) => short === p || short.startsWith(`${p}-`)));
    if (h) return h;
  }
  const host = hostOf(src.latestUrl);
  if (host) {
    const h = handlers.find((x) => x.hosts.includes(host));
    if (h) return h;
  }
  const distro = src.osDistro?.toLowerCase();
  return distro ? handlers.find((x) => x.osDistros.includes(distro)) : undefined;
}

export function handlerIds(handlers: readonly UpstreamHandler[] = HANDLERS): string[] {
  return handlers.map((h) => h.id);
}
