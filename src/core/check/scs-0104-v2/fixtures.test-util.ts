import type { Image } from '../../images/image.js';
import { buildImage } from '../../images/image-builder.test-util.js';
import type { TestcaseResult } from '../result.js';
import { checkStandardImagesV2 } from './check-standard-images-v2.js';
import type { ReleaseDistro } from '../../releases/distro-releases.js';
import { RELEASES } from '../../releases/fixtures.test-util.js';
import { vendorPrefixes } from '../../releases/vendor-sources.js';

export { RELEASES };

export function codenameOf(distro: ReleaseDistro, version: string): string {
  const release = RELEASES[distro].find((r) => r.version === version);
  if (!release) throw new Error(`no ${distro} ${version} in the release data`);
  return release.codename;
}

/** A vendor image_source for the release (first form of the standard's table). */
export function vendorSource(distro: ReleaseDistro, version: string, file = '20260401/disk.qcow2'): string {
  return `${vendorPrefixes(distro, codenameOf(distro, version))[0]}${file}`;
}

type Props = Record<string, unknown>;

/** A public os_purpose=generic image of the release with a correct vendor image_source; `undefined` in props removes one. */
export function generic(distro: ReleaseDistro, version: string, props: Props = {}, rest: Partial<Image> = {}): Image {
  const base = distro === 'ubuntu' ? version.replace(/^(\d{2}\.\d{2})\.\d+$/, '$1') : version.replace(/^(\d+)(\.\d+)+$/, '$1');
  const merged: Props = {
    os_distro: distro,
    os_version: version,
    os_purpose: 'generic',
    ...('image_source' in props ? {} : { image_source: vendorSource(distro, base) }),
    ...props,
  };
  for (const [k, v] of Object.entries(props)) if (v === undefined) delete merged[k];
  return buildImage({ name: `${distro === 'ubuntu' ? 'Ubuntu' : 'Debian'} ${version}`, properties: merged, ...rest });
}

export const CAPI_GOOD: Readonly<Props> = {
  image_source: 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.32/ubuntu-2404-kube-v1.32.4.qcow2',
  os_purpose: 'k8snode',
  image_description: 'https://github.com/osism/k8s-capi-images',
  os_distro: 'ubuntu',
  os_version: '24.04',
};

/** A CAPI image with the required properties; `undefined` in props removes one. */
export function capi(name = 'ubuntu-capi-image-v1.32.4', props: Props = {}): Image {
  const merged: Props = { ...CAPI_GOOD, ...props };
  for (const [k, v] of Object.entries(props)) if (v === undefined) delete merged[k];
  return buildImage({ name, properties: merged });
}

export function run(images: readonly Image[], today: string, testcase?: string): TestcaseResult[] {
  return checkStandardImagesV2(images, { today, releases: RELEASES, ...(testcase ? { testcases: [testcase] } : {}) });
}

/** The one result of a single testcase. */
export function one(images: readonly Image[], today: string, testcase: string): TestcaseResult {
  const [result] = run(images, today, testcase);
  if (!result) throw new Error(`no result for ${testcase}`);
  return result;
}
