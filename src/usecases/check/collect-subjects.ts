import type { Subject, SubjectConnection } from '../../core/check/report.js';
import type { OpenStackClient } from '../../openstack/client.js';
import type { Image } from '../../core/images/image.js';
import { ConfigError, OpenStackError } from '../../openstack/errors.js';
import { listCheckImages, type CheckListingOptions } from '../../openstack/image-listings.js';
import { openCloud, type OpenCloudOptions } from '../../openstack/open-cloud.js';
import { mapLimit } from '../../util/map-limit.js';

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
  opts: Omit<OpenCloudOptions, 'cloud'> & CheckListingOptions,
  concurrency: number,
  /** With --all-clouds a broken clouds.yaml entry is that cloud's failure, not the whole run's. */
  configErrorsPerCloud = false,
): Promise<SubjectImages[]> {
  return mapLimit(clouds, concurrency, async (cloud): Promise<SubjectImages> => {
    try {
      const client = await openCloud({ ...opts, cloud });
      try {
        const images = await listCheckImages(client, opts);
        return { subject: cloudSubject(client), images };
      } finally {
        await client.close();
      }
    } catch (e) {
      if (!(e instanceof OpenStackError) || (e instanceof ConfigError && !configErrorsPerCloud)) throw e;
      const name = cloud ?? opts.env['OS_CLOUD'] ?? 'default';
      return { subject: { kind: 'cloud', name, ...(opts.region ? { region: opts.region } : {}) }, error: `could not list the cloud's images: ${e.message}` };
    }
  });
}

/** The report's subject for an opened cloud: its name, region and who was checking (ids and names, no secret). */
export function cloudSubject(client: OpenStackClient): Subject {
  const { identity } = client;
  const connection: SubjectConnection = { authUrl: identity.authUrl ?? '', imageEndpoint: client.image.endpoint };
  if (identity.user) connection.user = { id: identity.user.id, name: identity.user.name ?? '' };
  if (identity.project) connection.project = { id: identity.project.id, name: identity.project.name ?? '' };
  return { kind: 'cloud', name: client.cloud, ...(client.region ? { region: client.region } : {}), connection };
}
