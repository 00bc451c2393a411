import type { Image } from '../../images/image.js';
import { buildImage } from '../../images/image-builder.test-util.js';
import { checkImageMetadata } from './check-image-metadata.js';
import type { MetadataVersion, Scs0102TestcaseId } from './testcases.js';

/** The check time of every scs-0102 test unless a test says otherwise. */
export const NOW = new Date('2026-03-01T12:00:00Z');

/** Properties that satisfy every scs-0102 testcase (and the standard's text) at NOW. */
export const GOOD_PROPERTIES: Readonly<Record<string, string>> = {
  architecture: 'x86_64',
  os_distro: 'ubuntu',
  os_version: '24.04',
  os_purpose: 'generic',
  hw_disk_bus: 'scsi',
  hypervisor_type: 'qemu',
  hw_rng_model: 'virtio',
  image_build_date: '2026-02-27',
  image_original_user: 'ubuntu',
  image_source: 'https://cloud-images.ubuntu.com/noble/20260227/noble-server-cloudimg-amd64.img',
  image_description: 'https://ubuntu.com/server',
  replace_frequency: 'weekly',
  provided_until: 'none',
  uuid_validity: 'last-3',
  hotfix_hours: '24',
};

type GoodImageOverrides = Partial<Omit<Image, 'properties'>> & {
  /** Merged over GOOD_PROPERTIES; `undefined` removes a property. */
  properties?: Record<string, unknown>;
};

/** An image passing every testcase, with overrides. */
export function goodImage(overrides: GoodImageOverrides = {}): Image {
  const { properties = {}, ...rest } = overrides;
  const merged: Record<string, unknown> = { ...GOOD_PROPERTIES, ...properties };
  for (const [key, value] of Object.entries(properties)) if (value === undefined) delete merged[key];
  return buildImage({
    name: 'Ubuntu 24.04',
    createdAt: '2026-02-28T08:00:00Z',
    minDisk: 4,
    minRam: 512,
    size: 2 * 1024 ** 3,
    hashAlgo: 'sha512',
    ...rest,
    properties: merged,
  });
}

/** One testcase over the given images. */
export function runOne(id: Scs0102TestcaseId, images: readonly Image[], opts: { now?: Date; version?: MetadataVersion; strictReading?: boolean } = {}) {
  const [result] = checkImageMetadata(images, { now: opts.now ?? NOW, version: opts.version ?? 'v2', testcases: [id], strictReading: opts.strictReading });
  if (!result) throw new Error(`no result for ${id}`);
  return result;
}
