import type { ReleaseDistro } from './distro-releases.js';

/**
 * Where the vendors publish the cloud images of a release: the `image_source` forms of scs-0104
 * v2's table, `{codename}` from os_distro + os_version. `init` builds its download URLs from them,
 * the check accepts them as a vendor source.
 */
const VENDOR_SOURCE_TEMPLATES: Readonly<Record<ReleaseDistro, readonly string[]>> = {
  debian: ['https://cloud.debian.org/images/cloud/{codename}/', 'https://cdimage.debian.org/cdimage/cloud/{codename}/'],
  ubuntu: ['https://cloud-images.ubuntu.com/releases/{codename}/', 'https://cloud-images.ubuntu.com/{codename}/'],
};

export function vendorPrefixes(distro: ReleaseDistro, codename: string): string[] {
  return VENDOR_SOURCE_TEMPLATES[distro].map((t) => t.replace('{codename}', codename));
}

/** The templates up to `{codename}`: what can still be checked when the codename is unknown. */
export function vendorBases(distro: ReleaseDistro): string[] {
  return VENDOR_SOURCE_TEMPLATES[distro].map((t) => t.slice(0, t.indexOf('{codename}')));
}
