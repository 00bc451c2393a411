/**
 * What init knows about each image family: where upstream publishes the images (URL templates,
 * tried in order until one lies under an allowed prefix of the requirement), and the fixed
 * definition values with the reason for each. Only x86_64 images: the standard's entries and the
 * OSISM CAPI images are amd64.
 *
 * Template placeholders: {codename}, {version} (release), {date} (YYYYMMDD), {k8s} (`v1.35.5`),
 * {k8sMinor} (`v1.35`).
 */
import type { Family } from './types.js';

export interface UrlTemplate {
  /** The image file. */
  image: string;
  /** The vendor's checksum manifest for `image` (same directory), for `scs-images update`. */
  manifest?: string;
  /**
   * `latest_url` when it differs from `image`: CentOS Stream's moving `-latest` file has no line of
   * its own in the manifest, so update follows OIM's HEREBE…DRAGONS pattern to the newest build.
   */
  latest?: string;
  /** Only for releases whose version matches (openSUSE renamed its files with Leap 16). */
  forVersions?: RegExp;
}

export interface FamilyCatalog {
  /** Pinned builds (`--version-date`): an immutable directory per build. Tried before `undated`. */
  dated: readonly UrlTemplate[];
  /**
   * URLs that need no build date: Ubuntu/Debian the newest build under a path that never changes
   * (always exists); CAPI the file of one Kubernetes version.
   */
  undated: readonly UrlTemplate[];
  login: string;
  minDisk: number;
  minRam: number;
  /** Why these sizes, for the comment. */
  sizeNote: string;
  osDistro: string;
  /** Why this os_distro, when it needs saying. */
  osDistroWhy?: string;
  /** The image name for a release, as OIM's files name it (`AlmaLinux 10`, `Rocky 10`). */
  imageName(version: string): string;
  /** OIM's shortname prefix, `<prefix>-<version>` (`centos-stream-10`): update picks its handler by it. */
  shortnamePrefix: string;
}

/** The RHEL rebuilds and openSUSE: sizes and hardware as OSISM's files define them. */
const RPM_SIZES = {
  minDisk: 10,
  minRam: 512,
  sizeNote: 'the GenericCloud image has a 10 GiB virtual disk and boots in 512 MiB (as OSISM defines it)',
} as const;

export const CATALOG: Readonly<Record<Family, FamilyCatalog>> = {
  ubuntu: {
    dated: [
      {
        image: 'https://cloud-images.ubuntu.com/releases/{codename}/release-{date}/ubuntu-{version}-server-cloudimg-amd64.img',
        manifest: 'https://cloud-images.ubuntu.com/releases/{codename}/release-{date}/SHA256SUMS',
      },
      {
        image: 'https://cloud-images.ubuntu.com/{codename}/{date}/{codename}-server-cloudimg-amd64.img',
        manifest: 'https://cloud-images.ubuntu.com/{codename}/{date}/SHA256SUMS',
      },
    ],
    undated: [
      {
        image: 'https://cloud-images.ubuntu.com/releases/{codename}/release/ubuntu-{version}-server-cloudimg-amd64.img',
        manifest: 'https://cloud-images.ubuntu.com/releases/{codename}/release/SHA256SUMS',
      },
      {
        image: 'https://cloud-images.ubuntu.com/{codename}/current/{codename}-server-cloudimg-amd64.img',
        manifest: 'https://cloud-images.ubuntu.com/{codename}/current/SHA256SUMS',
      },
    ],
    login: 'ubuntu',
    minDisk: 8,
    minRam: 512,
    sizeNote: 'the cloud image has a 3.5 GiB virtual disk and boots in 512 MiB (as OSISM defines it)',
    osDistro: 'ubuntu',
    imageName: (v) => `Ubuntu ${v}`,
    shortnamePrefix: 'ubuntu',
  },
  debian: {
    // Debian's dated directories carry a build serial (20260124-2367/) that only the directory
    // listing tells, so a date alone cannot name one: init always uses latest/.
    dated: [],
    undated: [
      {
        image: 'https://cloud.debian.org/images/cloud/{codename}/latest/debian-{version}-genericcloud-amd64.qcow2',
        manifest: 'https://cloud.debian.org/images/cloud/{codename}/latest/SHA512SUMS',
      },
      {
        image: 'https://cdimage.debian.org/cdimage/cloud/{codename}/latest/debian-{version}-genericcloud-amd64.qcow2',
        manifest: 'https://cdimage.debian.org/cdimage/cloud/{codename}/latest/SHA512SUMS',
      },
    ],
    login: 'debian',
    minDisk: 8,
    minRam: 512,
    sizeNote: 'the genericcloud image has a 3 GiB virtual disk and boots in 512 MiB (as OSISM defines it)',
    osDistro: 'debian',
    imageName: (v) => `Debian ${v}`,
    shortnamePrefix: 'debian',
  },
  capi: {
    // OSISM's bucket: one directory per Kubernetes minor, the file named by the full version
    // (…/ubuntu-2404-kube-v1.35/ubuntu-2404-kube-v1.35.5.qcow2; `v1.35` names the newest patch).
    dated: [],
    undated: [
      { image: 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-{k8sMinor}/ubuntu-2404-kube-{k8s}.qcow2' },
      {
        image:
          'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kube-{k8sMinor}/ubuntu-2404-kube-{k8s}.qcow2',
      },
    ],
    login: 'ubuntu',
    minDisk: 20,
    minRam: 2048,
    sizeNote: 'the CAPI node image has a 20 GiB disk; a Kubernetes node needs at least 2 GiB RAM',
    osDistro: 'ubuntu',
    imageName: () => 'ubuntu-capi-image',
    shortnamePrefix: 'ubuntu-capi-image',
  },
  // No scs-0104 entry asks for the distributions below; `init --distro` writes them on request.
  almalinux: {
    dated: [],
    undated: [
      {
        image: 'https://repo.almalinux.org/almalinux/{version}/cloud/x86_64/images/AlmaLinux-{version}-GenericCloud-latest.x86_64.qcow2',
        manifest: 'https://repo.almalinux.org/almalinux/{version}/cloud/x86_64/images/CHECKSUM',
      },
    ],
    login: 'almalinux',
    ...RPM_SIZES,
    osDistro: 'almalinux',
    osDistroWhy:
      "osinfo-db's name (OIM's files say centos, which hides the distribution from the v2 draft's checks; validate warns that OIM's own --check would reject it)",
    imageName: (v) => `AlmaLinux ${v}`,
    shortnamePrefix: 'almalinux',
  },
  rocky: {
    dated: [],
    undated: [
      {
        image: 'https://download.rockylinux.org/pub/rocky/{version}/images/x86_64/Rocky-{version}-GenericCloud-Base.latest.x86_64.qcow2',
        manifest: 'https://download.rockylinux.org/pub/rocky/{version}/images/x86_64/Rocky-{version}-GenericCloud-Base.latest.x86_64.qcow2.CHECKSUM',
        forVersions: /^(1\d|[2-9]\d)/,
      },
      {
        image: 'https://download.rockylinux.org/pub/rocky/{version}/images/x86_64/Rocky-{version}-GenericCloud.latest.x86_64.qcow2',
        manifest: 'https://download.rockylinux.org/pub/rocky/{version}/images/x86_64/Rocky-{version}-GenericCloud.latest.x86_64.qcow2.CHECKSUM',
      },
    ],
    login: 'rocky',
    ...RPM_SIZES,
    osDistro: 'rocky',
    imageName: (v) => `Rocky ${v}`,
    shortnamePrefix: 'rocky',
  },
  centos: {
    dated: [],
    undated: [
      {
        image: 'https://cloud.centos.org/centos/{version}-stream/x86_64/images/CentOS-Stream-GenericCloud-{version}-latest.x86_64.qcow2',
        manifest: 'https://cloud.centos.org/centos/{version}-stream/x86_64/images/CHECKSUM',
        latest: 'https://cloud.centos.org/centos/{version}-stream/x86_64/images/CentOS-Stream-GenericCloud-{version}-HEREBE[0-9.]+DRAGONS.x86_64.qcow2',
      },
    ],
    // RHEL's cloud-init user, which CentOS Stream 9 and 10 GenericCloud images have (OIM's files say centos)
    login: 'cloud-user',
    ...RPM_SIZES,
    osDistro: 'centos',
    imageName: (v) => `CentOS Stream ${v}`,
    shortnamePrefix: 'centos-stream',
  },
  opensuse: {
    dated: [],
    undated: [
      {
        image: 'https://download.opensuse.org/distribution/leap/{version}/appliances/Leap-{version}-Minimal-VM.x86_64-Cloud.qcow2',
        manifest: 'https://download.opensuse.org/distribution/leap/{version}/appliances/Leap-{version}-Minimal-VM.x86_64-Cloud.qcow2.sha256',
        forVersions: /^(1[6-9]|[2-9]\d)\./,
      },
      {
        image: 'https://download.opensuse.org/distribution/leap/{version}/appliances/openSUSE-Leap-{version}-Minimal-VM.x86_64-Cloud.qcow2',
        manifest: 'https://download.opensuse.org/distribution/leap/{version}/appliances/openSUSE-Leap-{version}-Minimal-VM.x86_64-Cloud.qcow2.sha256',
      },
    ],
    login: 'opensuse',
    ...RPM_SIZES,
    sizeNote: 'the Minimal-VM Cloud image has a 10 GiB virtual disk and boots in 512 MiB (as OSISM defines it)',
    osDistro: 'opensuse',
    imageName: (v) => `openSUSE Leap ${v}`,
    shortnamePrefix: 'opensuse-leap',
  },
};

/** The Ubuntu release the OSISM CAPI images are built on (`ubuntu-2404-kube`). */
export const CAPI_BASE_OS_VERSION = '24.04';

/**
 * The Kubernetes version written when `--capi-version` is not given: a patch release OSISM
 * publishes (https://github.com/osism/k8s-capi-images, supported until 2027-02-28). Update it
 * when a newer minor is published.
 */
export const DEFAULT_CAPI_VERSION = 'v1.35.5';

/** `v1.35.5` or `v1.35`. */
export const CAPI_VERSION_RE = /^v(\d+)\.(\d+)(?:\.(\d+))?$/;

/** Replace `{key}` placeholders; every placeholder must be known. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new RangeError(`URL template ${template} needs {${key}}`);
    return v;
  });
}
