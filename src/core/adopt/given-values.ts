/**
 * The values the operator gives `adopt` and `fix`: `--set key=value` (for the images named with
 * `--image`, or every selected image) and a small YAML file of values per image:
 *
 *     Debian12:                 # image name or id
 *       architecture: x86_64
 *       image_source: https://cloud.debian.org/images/cloud/bookworm/20240211-1654/debian-12-genericcloud-amd64.qcow2
 *
 * Pure: the caller reads the file. Bad input names the file, line and field.
 */
import { InputError } from '../errors.js';
import type { Image } from '../images/image.js';
import { PROPERTY_NAME_RE, RESERVED_PREFIXES } from '../definitions/meta-rules.js';
import { parseYamlWithPositions } from '../yaml/positions.js';

/** Image name or id → property → value. */
export type ValuesByImage = Record<string, Record<string, string>>;

function keyProblem(key: string): string | undefined {
  if (!PROPERTY_NAME_RE.test(key)) return `'${key}' is not a Glance property name (lower case, digits, '_' and ':')`;
  if (RESERVED_PREFIXES.some((p) => key.startsWith(p))) return `'${key}' is set by Glance itself`;
  return undefined;
}

/** `os_distro=ubuntu` → ['os_distro', 'ubuntu']. */
export function parseSet(arg: string): [string, string] {
  const eq = arg.indexOf('=');
  const key = eq > 0 ? arg.slice(0, eq) : '';
  const value = eq > 0 ? arg.slice(eq + 1) : '';
  if (!key || value === '') throw new InputError({ file: '--set', field: arg }, 'expected KEY=VALUE, e.g. os_distro=ubuntu');
  const problem = keyProblem(key);
  if (problem) throw new InputError({ file: '--set', field: key }, problem);
  return [key, value];
}

export function parseValuesFile(text: string, file: string): ValuesByImage {
  const y = parseYamlWithPositions(text, file);
  const top = y.value;
  if (top === null || typeof top !== 'object' || Array.isArray(top)) {
    throw new InputError(y.locate([]), 'expected a mapping of image name or id to its values');
  }
  const out: ValuesByImage = {};
  for (const [image, values] of Object.entries(top as Record<string, unknown>)) {
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      throw new InputError({ ...y.locate([image]), field: image }, 'expected a mapping of property to value');
    }
    const props: Record<string, string> = {};
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      const where = { ...y.locateKey([image, key]), field: `${image}.${key}` };
      const problem = keyProblem(key);
      if (problem) throw new InputError(where, problem);
      if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(where, 'expected a string value');
      props[key] = String(value);
    }
    out[image] = props;
  }
  return out;
}

/**
 * The values per image id: the file's entries (by id, else by name), then `--set` for the images
 * `setFor` names (all of `images` when it is empty). A file entry naming no image is an error.
 */
export function valuesPerImage(
  images: readonly Image[],
  file: { values: ValuesByImage; name: string } | undefined,
  sets: readonly [string, string][],
  setFor: readonly Image[],
): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const add = (id: string, props: Record<string, string>): void => {
    out.set(id, { ...(out.get(id) ?? {}), ...props });
  };
  for (const [ref, props] of Object.entries(file?.values ?? {})) {
    const hits = images.filter((i) => i.id === ref || i.name === ref);
    if (hits.length === 0)
      throw new InputError({ file: file?.name ?? '--values', field: ref }, `no selected image of your project is named or has the id '${ref}'`);
    for (const i of hits) add(i.id, props);
  }
  for (const image of setFor.length > 0 ? setFor : images) add(image.id, Object.fromEntries(sets));
  return out;
}
