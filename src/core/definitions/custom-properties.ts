/**
 * `meta` keys OIM's schema does not know. OIM --check rejects them, but Glance takes any
 * property and users need some, so a key that can be a Glance property is
 * accepted with a warning; meta-rules.ts lists what is refused and why.
 */
import type { PathSegment } from '../yaml/positions.js';
import { clip, describeValue } from './describe-value.js';
import type { Findings } from './findings.js';
import { closest, didYouMean } from './key-suggestions.js';
import type { Mapping } from './merge-keys.js';
import { DERIVED_PROPERTIES, GLANCE_ATTRIBUTES, MAX_PROPERTY_NAME, META_KEYS, META_RULES, PROPERTY_NAME_RE, RESERVED_PREFIXES } from './meta-rules.js';
import type { MetaValue } from './types.js';
import { bad, ok, type Checked } from './value-checks/checked.js';
import type { Written } from './written-value.js';

/** Why `key` cannot be a property at all, if it cannot. */
function propertyNameProblem(key: string): string | undefined {
  const reserved = RESERVED_PREFIXES.find((prefix) => key.startsWith(prefix));
  if (reserved) return `'${clip(key, 40)}' is reserved: Glance manages ${reserved}* properties itself`;
  if (Object.hasOwn(GLANCE_ATTRIBUTES, key)) {
    const field = GLANCE_ATTRIBUTES[key];
    return `'${key}' is a Glance image attribute, not a property${field ? `; use the definition's ${field}` : ''}`;
  }
  if (!PROPERTY_NAME_RE.test(key)) {
    return `'${clip(key, 40)}' is not a usable property name (lowercase letters, digits, '_' and ':')${didYouMean(key, META_KEYS)}`;
  }
  if (key.length > MAX_PROPERTY_NAME) return `property names are limited to ${MAX_PROPERTY_NAME} characters`;
  return undefined;
}

/** Glance property values are scalars; a timestamp becomes its ISO text. */
function propertyValue(v: unknown): Checked<MetaValue> {
  if (typeof v === 'string' || typeof v === 'boolean') return ok(v);
  if (typeof v === 'number' && Number.isFinite(v)) return ok(v);
  if (v instanceof Date) return ok(v.toISOString());
  return bad(`a Glance property value must be a string, number or boolean, got ${describeValue(v)}`);
}

/**
 * Read one unknown key at `p`. `imageMeta` is the whole image-level meta: there, a near miss of
 * a required or recommended key that is absent is an error (it is the missing key, misspelt),
 * not a custom property. Problems point at the key: the key is what is wrong.
 */
export function readCustomProperty(
  findings: Findings,
  p: readonly PathSegment[],
  key: string,
  w: Written,
  imageMeta: Mapping | undefined,
): MetaValue | undefined {
  const fail = (problem: string): undefined => {
    findings.error(p, problem, 'key');
    return undefined;
  };
  const nameProblem = propertyNameProblem(key);
  if (nameProblem) return fail(nameProblem);
  const near = closest(key, META_KEYS);
  if (near && imageMeta && imageMeta[near] === undefined && META_RULES[near]?.requirement !== 'optional') {
    findings.coverMissing([...p.slice(0, -1), near]);
    return fail(`unknown key '${clip(key, 40)}' (did you mean '${near}'?)`);
  }
  const value = propertyValue(w.value);
  if (!value.ok) return fail(value.problem);
  const src = w.source;
  if (typeof w.value === 'number' && src !== undefined && src !== String(w.value)) {
    findings.warn(p, `YAML reads ${src} as the number ${w.value}; quote it if you mean '${src}'`);
  }
  const derived = DERIVED_PROPERTIES[key];
  const note = derived ? `${derived}; the value here is set as given` : near ? `did you mean '${near}'?` : 'set as a custom Glance property';
  // a likely typo or a property OIM derives is worth saying every time; a custom property only to OIM's users
  const say = derived || near ? findings.warn.bind(findings) : findings.compat.bind(findings);
  say(p, `'${clip(key, 40)}' is not in OIM's schema (OIM --check would reject it); ${note}`, 'key');
  return value.value;
}
