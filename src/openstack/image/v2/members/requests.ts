/**
 * Image members: share an image (visibility `shared`) with other projects. The owner adds and
 * removes members; the member project accepts or rejects (PUT status), which Glance's default
 * policy allows only to the member itself or an admin.
 */
import { NotFoundError } from '../../../errors.js';
import type { ServiceClient } from '../../../http/service-client.js';
import { memberFromGlance, membersFromBody } from './results.js';
import type { ImageMember, MemberState } from './types.js';
import { memberURL, membersURL } from './urls.js';

export async function listMembers(client: ServiceClient, imageId: string): Promise<ImageMember[]> {
  const res = await client.request({ method: 'GET', url: membersURL(client.endpoint, imageId), okCodes: [200] });
  return membersFromBody(res.body);
}

/** The member, or undefined when the image is not shared with that project. */
export async function getMember(client: ServiceClient, imageId: string, memberId: string): Promise<ImageMember | undefined> {
  try {
    const res = await client.request({ method: 'GET', url: memberURL(client.endpoint, imageId, memberId), okCodes: [200] });
    return memberFromGlance(res.body);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** POST → 200 (status `pending`); a second add of the same member answers 409. Not retried. */
export async function addMember(client: ServiceClient, imageId: string, memberId: string): Promise<ImageMember> {
  const res = await client.request({ method: 'POST', url: membersURL(client.endpoint, imageId), json: { member: memberId }, okCodes: [200] });
  return memberFromGlance(res.body);
}

export async function updateMember(client: ServiceClient, imageId: string, memberId: string, status: MemberState): Promise<ImageMember> {
  const res = await client.request({ method: 'PUT', url: memberURL(client.endpoint, imageId, memberId), json: { status }, okCodes: [200] });
  return memberFromGlance(res.body);
}

/** DELETE → 204; false when the project was not a member and `ignoreMissing` is set. */
export async function removeMember(client: ServiceClient, imageId: string, memberId: string, opts: { ignoreMissing?: boolean } = {}): Promise<boolean> {
  try {
    await client.request({ method: 'DELETE', url: memberURL(client.endpoint, imageId, memberId), okCodes: [204] });
    return true;
  } catch (err) {
    if (opts.ignoreMissing && err instanceof NotFoundError) return false;
    throw err;
  }
}
