/** `versions[].checksum`: the declared digest of an image file. */
import { clip, describeValue } from '../describe-value.js';
import { CHECKSUM_ALGORITHMS, CHECKSUM_HEX_LENGTH, type Checksum, type ChecksumAlgorithm } from '../types.js';
import { bad, ok, type Checked } from './checked.js';

/**
 * `algo:hex` with algo md5/sha1/sha256/sha512 and the matching number of hex digits, or a bare
 * 64-digit hex (sha256, as OIM's prefetch treats it). Hex is returned lowercase.
 */
export function checkChecksum(v: unknown): Checked<Checksum> {
  if (typeof v !== 'string') return bad(`expected 'algorithm:hex', got ${describeValue(v)}`);
  const s = v.trim();
  if (/^[0-9a-fA-F]+$/.test(s)) {
    if (s.length === 64) return ok({ algorithm: 'sha256', hex: s.toLowerCase() });
    return bad(`a checksum without algorithm must be 64 hex digits (sha256), got ${s.length}; write e.g. sha512:<hex>`);
  }
  const m = /^([^:]+):(.*)$/.exec(s);
  if (!m) return bad(`'${clip(s)}' is not 'algorithm:hex' (e.g. sha256:<64 hex digits>)`);
  const algoRaw = (m[1] as string).trim();
  const hex = (m[2] as string).trim();
  const algo = algoRaw.toLowerCase().replace(/-/g, '');
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algo) || algo !== algoRaw) {
    const hint = (CHECKSUM_ALGORITHMS as readonly string[]).includes(algo) ? ` (did you mean '${algo}'?)` : '';
    return bad(`unknown checksum algorithm '${clip(algoRaw, 20)}'${hint}; use one of ${CHECKSUM_ALGORITHMS.join(', ')}`);
  }
  const want = CHECKSUM_HEX_LENGTH[algo as ChecksumAlgorithm];
  if (!/^[0-9a-fA-F]*$/.test(hex)) return bad(`${algo} digest must be hexadecimal`);
  if (hex.length !== want) return bad(`${algo} digest must be ${want} hex digits, got ${hex.length}`);
  return ok({ algorithm: algo as ChecksumAlgorithm, hex: hex.toLowerCase() });
}
