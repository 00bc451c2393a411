import { z } from 'zod';
import { InputError, InputErrors } from '../errors.js';
import { editDistance } from '../text/edit-distance.js';
import { parseYamlWithPositions, type PathSegment } from '../yaml/positions.js';
import { ENTRY_STATUSES, type ImageSpec, type ImageSpecEntry } from './image-spec.js';
import { compileNameScheme, PythonRegexError } from './python-regex.js';
import { testcaseSlug } from './testcase-ids.js';

const nonEmpty = z.string().min(1, 'must not be empty');

const entrySchema = z.looseObject({
  name: nonEmpty,
  name_scheme: nonEmpty.optional(),
  status: z.enum(ENTRY_STATUSES, { error: `must be one of ${ENTRY_STATUSES.join(', ')}` }).optional(),
  source: z.union([nonEmpty, z.array(nonEmpty).min(1, 'must list at least one prefix')], {
    error: 'must be a string or a list of strings (allowed image_source prefixes)',
  }),
});

const specSchema = z.looseObject({
  images: z.array(z.unknown(), { error: "must be a list of image entries ('images:' is missing or not a list)" }),
});

const KNOWN_KEYS = ['name', 'name_scheme', 'status', 'source'];

/**
 * Parse and fully validate an scs-0104 v1 image spec. Every problem is reported with file, line,
 * column and field; nothing about the spec is left to be discovered during a check.
 */
export function parseImageSpec(text: string, origin: string): ImageSpec {
  const y = parseYamlWithPositions(text, origin);
  const errors: InputError[] = [];
  const warnings: string[] = [];
  const fail = (path: PathSegment[], problem: string) => errors.push(new InputError(y.locate(path), problem));

  if (y.value === null || typeof y.value !== 'object' || Array.isArray(y.value)) {
    throw new InputError({ file: origin, line: 1, column: 1 }, "not an image spec: expected a mapping with an 'images' list");
  }
  const top = specSchema.safeParse(y.value);
  if (!top.success) {
    throw new InputError(y.locate(['images']), `'images' ${top.error.issues[0]?.message ?? 'is invalid'}`);
  }

  const entries: ImageSpecEntry[] = [];
  const seenSlugs = new Map<string, number>();
  top.data.images.forEach((raw, index) => {
    const base: PathSegment[] = ['images', index];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      fail(base, 'each image entry must be a mapping with name, source and optional status/name_scheme');
      return;
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const missing = (raw as Record<string, unknown>)[key] === undefined;
        fail([...base, ...(issue.path as PathSegment[])], missing ? `'${key}' is required` : `'${key}' ${issue.message}`);
      }
      return;
    }
    for (const key of Object.keys(raw)) {
      if (KNOWN_KEYS.includes(key)) continue;
      const near = KNOWN_KEYS.find((k) => editDistance(k, key) <= 2);
      const where = y.locateKey([...base, key]);
      if (near) errors.push(new InputError(where, `unknown key '${key}' (did you mean '${near}'?)`));
      else warnings.push(`${where.file}:${where.line ?? '?'}: unknown key '${key}' in image entry is ignored`);
    }
    const e = parsed.data;
    let matcher;
    if (e.name_scheme !== undefined) {
      try {
        matcher = compileNameScheme(e.name_scheme);
      } catch (err) {
        if (!(err instanceof PythonRegexError)) throw err;
        const loc = y.locate([...base, 'name_scheme']);
        errors.push(new InputError(loc, `'name_scheme' ${e.name_scheme}: ${err.message}`));
        return;
      }
    }
    const slug = testcaseSlug(e.name, e.name_scheme);
    const previous = seenSlugs.get(slug);
    if (previous !== undefined) {
      fail([...base, 'name'], `entry '${e.name}' duplicates images[${previous}] (both give testcase id suffix '${slug}')`);
      return;
    }
    seenSlugs.set(slug, index);
    entries.push({
      name: e.name,
      nameScheme: e.name_scheme,
      status: e.status ?? 'optional',
      sources: typeof e.source === 'string' ? [e.source] : e.source,
      slug,
      location: y.locate(base),
      matcher,
    });
  });
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new InputErrors(errors);
  return { origin, entries, warnings };
}
