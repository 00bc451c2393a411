/** Glance member JSON → ImageMember (wire names stop here). */
import { OpenStackError } from '../../../errors.js';
import type { ImageMember } from './types.js';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function memberFromGlance(raw: unknown): ImageMember {
  if (!raw || typeof raw !== 'object') throw new OpenStackError('expected a Glance member object');
  const o = raw as Obj;
  const member: ImageMember = { memberId: str(o['member_id']) ?? '', imageId: str(o['image_id']) ?? '', status: str(o['status']) ?? '' };
  const created = str(o['created_at']);
  const updated = str(o['updated_at']);
  if (created) member.createdAt = created;
  if (updated) member.updatedAt = updated;
  return member;
}

export function membersFromBody(body: unknown): ImageMember[] {
  const list = (body as Obj | undefined)?.['members'];
  if (!Array.isArray(list)) throw new OpenStackError('member list response has no "members" array');
  return list.map(memberFromGlance);
}
