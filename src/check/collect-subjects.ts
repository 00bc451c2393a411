import type { Subject } from '../core/check/report.js';
import type { Image } from '../core/images/image.js';
import { ConfigError, OpenStackError } from '../openstack/errors.js';
import { listCloudImages, type ListCloudImagesOptions } from '../cli/cloud-images.js';

export interface SubjectImages {
  subject: Subject;
  /** Undefined when the subject could not be listed completely. */
  images?: Image[];
  error?: string;
}

/**
 * List the images of several clouds concurrently, at most `concurrency` at a time. One cloud's
 * failure (auth, timeout, an incomplete listing) is recorded for that cloud and never hides the
 * others' results. Configuration errors (a cloud not in clouds.yaml) are the caller's bad input
 * and are thrown.
 */
export async function collectCloudImages(
  clouds: ReadonlyArray<string | undefined>,
  opts: Omit<ListCloudImagesOptions, 'cloud'>,
  concurrency: number,
  /** With --all-clouds a broken clouds.yaml entry is that cloud's failure, not the whole run's. */
  configErrorsPerCloud = false,
): Promise<SubjectImages[]> {
  const results: SubjectImages[] = new Array(clouds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < clouds.length) {
      const index = next++;
      const cloud = clouds[index];
      try {
        const r = await listCloudImages({ ...opts, cloud });
        results[index] = { subject: { kind: 'cloud', name: r.cloudName, ...(r.region ? { region: r.region } : {}) }, images: r.images };
      } catch (e) {
        if (!(e instanceof OpenStackError) || (e instanceof ConfigError && !configErrorsPerCloud)) throw e;
        const name = cloud ?? opts.env['OS_CLOUD'] ?? 'default';
        results[index] = { subject: { kind: 'cloud', name, ...(opts.region ? { region: opts.region } : {}) }, error: `could not list the cloud's images: ${e.message}` };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, clouds.length)) }, worker));
  return results;
}
