/**
 * The share use case: find our image and the projects to share it with (or stop sharing it),
 * then let src/apply change the memberships. Lookups that find nothing, or too much, are bad input.
 */
import { shareImage, type ShareEvent } from '../apply/share-image.js';
import { InputError } from '../core/errors.js';
import type { Image } from '../core/images/image.js';
import { isHttpStatus } from '../openstack/errors.js';
import type { IdentityClient } from '../openstack/identity/v3/client.js';
import type { Project } from '../openstack/identity/v3/projects/types.js';
import type { ImageClient } from '../openstack/image/v2/client.js';
import { openProjectCloud, type OpenCloudOptions } from '../openstack/open-cloud.js';

export type ShareTarget = { project: string; domain?: string | undefined } | { domainProjects: string };

export interface ShareRequest {
  cloud: OpenCloudOptions;
  /** Id, or a name exactly one of our own images carries. */
  image: string;
  target: ShareTarget;
  remove: boolean;
  accept: boolean;
}

export type { ShareEvent };

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const bad = (option: string, problem: string) => new InputError({ file: option }, problem);

/** Returns how many projects failed (each is reported through onEvent). */
export async function share(req: ShareRequest, onEvent: (e: ShareEvent) => void): Promise<number> {
  const { client, projectId } = await openProjectCloud(req.cloud);
  try {
    if (!client.identityService) throw bad('--cloud', 'sharing needs Keystone (auth_type none/admin_token has no project lookup)');
    const image = await findImage(client.image, req.image, projectId);
    if (image.owner !== projectId) throw bad('--image', `image ${image.id} belongs to project ${image.owner}, not to ${projectId}`);
    const projects = await targets(client.identityService, req.target, projectId);
    if (!req.remove && (image.visibility === 'public' || image.visibility === 'community')) {
      throw bad('--image', `image ${image.id} is ${image.visibility}: every project sees it already`);
    }
    return await shareImage(client.image, image, projects, { remove: req.remove, accept: req.accept }, onEvent);
  } finally {
    await client.close();
  }
}

async function findImage(api: ImageClient, ref: string, projectId: string): Promise<Image> {
  if (UUID.test(ref)) {
    try {
      return await api.getImage(ref);
    } catch (e) {
      if (!isHttpStatus(e, 404)) throw e;
    }
  }
  const [visible, hidden] = await Promise.all([
    api.listAllImages({ name: ref, owner: projectId }),
    api.listAllImages({ name: ref, owner: projectId, hidden: true }),
  ]);
  const found = [...visible, ...hidden];
  if (found.length === 1) return found[0] as Image;
  if (found.length === 0) throw bad('--image', `no image '${ref}' owned by project ${projectId}`);
  throw bad('--image', `${found.length} images are named '${ref}' (${found.map((i) => i.id).join(', ')}); give the id`);
}

async function domainId(identity: IdentityClient, ref: string): Promise<string> {
  const byName = await identity.listDomains({ name: ref });
  return byName[0]?.id ?? ref; // not found by name: take it as an id
}

async function targets(identity: IdentityClient, target: ShareTarget, ownProject: string): Promise<Project[]> {
  if ('domainProjects' in target) {
    const all = await identity.listProjects({ domainId: await domainId(identity, target.domainProjects) });
    if (all.length === 0) throw bad('--domain-projects', `domain '${target.domainProjects}' has no projects (or is unknown)`);
    return all.filter((p) => p.id !== ownProject);
  }
  const ref = target.project;
  if (/^[0-9a-f]{32}$/i.test(ref) && !target.domain) return [{ id: ref, name: ref, domainId: '', enabled: true }];
  const found = await identity.listProjects({ name: ref, ...(target.domain ? { domainId: await domainId(identity, target.domain) } : {}) });
  if (found.length === 1) return found;
  if (found.length === 0) throw bad('--project', `no project '${ref}'${target.domain ? ` in domain '${target.domain}'` : ''}`);
  throw bad('--project', `several projects are named '${ref}'; add --domain`);
}
