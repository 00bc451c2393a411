/** `versions[].id`: a fixed Glance image id. */
import { clip, describeValue } from '../describe-value.js';
import { bad, ok, type Checked } from './checked.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lowercase UUID; an upper-case one is refused with a hint instead of being changed silently. */
export function checkUuid(v: unknown): Checked<string> {
  if (typeof v !== 'string') return bad(`expected a UUID, got ${describeValue(v)}`);
  if (UUID_RE.test(v)) return ok(v);
  if (UUID_RE.test(v.toLowerCase())) return bad(`'${v}': write the UUID in lowercase`);
  return bad(`'${clip(v)}' is not a UUID (8-4-4-4-12 lowercase hex digits)`);
}
