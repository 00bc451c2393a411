import type { Image } from '../../core/images/image.js';
import { isHttpStatus } from '../../openstack/errors.js';
import type { IdentityClient } from '../../openstack/identity/v3/client.js';
import type { Project } from '../../openstack/identity/v3/projects/types.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../main.js';
import { cloudOptions } from '../make-plan.js';
import { openManagedCloud } from '../manage-cloud.js';
import type { ManageOptions } from '../manage-options.js';

export interface ShareOptions extends Pick<ManageOptions, 'cloud' | 'region' | 'timeout' | 'insecure' | 'debug'> {
  image: string;
  project?: string;
  domain?: string;
  domainProjects?: string;
  remove: boolean;
  accept: boolean;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** By id, or by a name that exactly one of our own images carries. */
async function findImage(api: { getImage(id: string): Promise<Image>; listAllImages(o: object): Promise<Image[]> }, ref: string, projectId: string): Promise<Image> {
  if (UUID.test(ref)) {
    try {
      return await api.getImage(ref);
    } catch (e) {
      if (!isHttpStatus(e, 404)) throw e;
    }
  }
  const [visible, hidden] = await Promise.all([api.listAllImages({ name: ref, owner: projectId }), api.listAllImages({ name: ref, owner: projectId, hidden: true })]);
  const found = [...visible, ...hidden];
  if (found.length === 1) return found[0] as Image;
  if (found.length === 0) throw new ExitError(EXIT.USAGE, `error: no image '${ref}' owned by project ${projectId}`);
  throw new ExitError(EXIT.USAGE, `error: ${found.length} images are named '${ref}' (${found.map((i) => i.id).join(', ')}); give the id`);
}

async function domainId(identity: IdentityClient, ref: string): Promise<string> {
  const byName = await identity.listDomains({ name: ref });
  return byName[0]?.id ?? ref; // not found by name: take it as an id
}

async function targets(identity: IdentityClient, opts: ShareOptions, ownProject: string): Promise<Project[]> {
  if (opts.domainProjects) {
    const all = await identity.listProjects({ domainId: await domainId(identity, opts.domainProjects) });
    if (all.length === 0) throw new ExitError(EXIT.USAGE, `error: domain '${opts.domainProjects}' has no projects (or is unknown)`);
    return all.filter((p) => p.id !== ownProject);
  }
  const ref = opts.project as string;
  if (/^[0-9a-f]{32}$/i.test(ref) && !opts.domain) return [{ id: ref, name: ref, domainId: '', enabled: true }];
  const found = await identity.listProjects({ name: ref, ...(opts.domain ? { domainId: await domainId(identity, opts.domain) } : {}) });
  if (found.length === 1) return found;
  if (found.length === 0) throw new ExitError(EXIT.USAGE, `error: no project '${ref}'${opts.domain ? ` in domain '${opts.domain}'` : ''}`);
  throw new ExitError(EXIT.USAGE, `error: several projects are named '${ref}'; add --domain`);
}

/**
 * `scs-images share`: share an image with a project, or with every project of a domain, or stop
 * sharing it (--remove). A private image becomes `shared` (Glance only shares those); public and
 * community images are visible to everyone already. Exit 0, or 1 when some project failed.
 */
export async function runShare(opts: ShareOptions, io: CliIO): Promise<number> {
  if (Boolean(opts.project) === Boolean(opts.domainProjects)) throw new ExitError(EXIT.USAGE, 'error: give exactly one of --project and --domain-projects');
  const { client, projectId } = await openManagedCloud(cloudOptions(opts, io));
  try {
    if (!client.identityService) throw new ExitError(EXIT.USAGE, 'error: sharing needs Keystone (auth_type none/admin_token has no project lookup)');
    let image = await findImage(client.image, opts.image, projectId);
    if (image.owner !== projectId) throw new ExitError(EXIT.USAGE, `error: image ${image.id} belongs to project ${image.owner}, not to ${projectId}`);
    const projects = await targets(client.identityService, opts, projectId);
    if (!opts.remove) {
      if (image.visibility === 'public' || image.visibility === 'community') {
        throw new ExitError(EXIT.USAGE, `error: image ${image.id} is ${image.visibility}: every project sees it already`);
      }
      if (image.visibility === 'private') {
        image = await client.image.updateImage(image.id, [{ op: 'replace', path: '/visibility', value: 'shared' }]);
        io.stdout.write(`${image.id}: visibility private → shared\n`);
      }
    }
    let failures = 0;
    for (const p of projects) {
      const label = `${image.name} (${image.id}) ${opts.remove ? 'unshared from' : 'shared with'} ${p.name} (${p.id})`;
      try {
        if (opts.remove) {
          const was = await client.image.removeMember(image.id, p.id, { ignoreMissing: true });
          io.stdout.write(`${was ? label : `${label}: was not shared`}\n`);
          continue;
        }
        const existing = await client.image.getMember(image.id, p.id);
        const member = existing ?? (await client.image.addMember(image.id, p.id));
        let status = member.status;
        if (opts.accept && status !== 'accepted') {
          // only the member project itself (or an admin) may accept
          status = (await client.image.updateMember(image.id, p.id, 'accepted')).status;
        }
        io.stdout.write(`${label}${existing ? ' already' : ''}: ${status}${status === 'pending' ? ' (the project must accept it to see it in its image list)' : ''}\n`);
      } catch (e) {
        failures++;
        io.stderr.write(`scs-images: error: ${label}: ${(e as Error).message}\n`);
      }
    }
    return failures > 0 ? EXIT.NOT_COMPLIANT : EXIT.OK;
  } finally {
    await client.close();
  }
}
