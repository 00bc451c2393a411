/**
 * Sharing an image with projects, or ending it: the image-member calls, one project at a time.
 * Lives in src/apply because it changes the cloud. One project's failure never stops the others.
 */
import type { Image } from '../core/images/image.js';
import type { ImageClient } from '../openstack/image/v2/client.js';
import type { Project } from '../openstack/identity/v3/projects/types.js';

export type ShareEvent =
  | { type: 'visibility'; image: Image; from: string; to: string }
  | { type: 'member'; image: Image; project: Project; line: string }
  | { type: 'failed'; image: Image; project: Project; line: string; error: string };

export interface ShareChangeOptions {
  remove: boolean;
  /** Also set the membership to accepted (admin, or the member project itself). */
  accept: boolean;
}

/** Returns how many projects failed. A private image becomes `shared` first (Glance only shares those). */
export async function shareImage(
  api: ImageClient,
  image: Image,
  projects: readonly Project[],
  opts: ShareChangeOptions,
  onEvent: (e: ShareEvent) => void,
): Promise<number> {
  let current = image;
  if (!opts.remove && current.visibility === 'private') {
    current = await api.updateImage(current.id, [{ op: 'replace', path: '/visibility', value: 'shared' }]);
    onEvent({ type: 'visibility', image: current, from: 'private', to: 'shared' });
  }
  let failures = 0;
  for (const project of projects) {
    const label = `${current.name} (${current.id}) ${opts.remove ? 'unshared from' : 'shared with'} ${project.name} (${project.id})`;
    try {
      if (opts.remove) {
        const was = await api.removeMember(current.id, project.id, { ignoreMissing: true });
        onEvent({ type: 'member', image: current, project, line: was ? label : `${label}: was not shared` });
        continue;
      }
      const existing = await api.getMember(current.id, project.id);
      const member = existing ?? (await api.addMember(current.id, project.id));
      let status = member.status;
      // only the member project itself (or an admin) may accept
      if (opts.accept && status !== 'accepted') status = (await api.updateMember(current.id, project.id, 'accepted')).status;
      const hint = status === 'pending' ? ' (the project must accept it to see it in its image list)' : '';
      onEvent({ type: 'member', image: current, project, line: `${label}${existing ? ' already' : ''}: ${status}${hint}` });
    } catch (e) {
      failures++;
      onEvent({ type: 'failed', image: current, project, line: label, error: (e as Error).message });
    }
  }
  return failures;
}
