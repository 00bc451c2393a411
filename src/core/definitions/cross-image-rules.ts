/**
 * Rules across definitions, within one file and across the files of a set: image names, the
 * Glance names the definitions generate, and fixed image ids must each belong to one definition.
 */
import { formatLocation, type InputLocation } from '../errors.js';
import { idLocation, nameLocation } from './definition-locations.js';
import { clip } from './describe-value.js';
import { everyGlanceName } from './naming.js';
import type { ImageDefinition, VersionDefinition } from './types.js';

type Report = (location: InputLocation, problem: string) => void;

/**
 * Duplicate image names, duplicate fixed ids, and Glance names two definitions would both
 * produce (e.g. non-multi `Foo` version `1` and an image named `Foo 1`). With `crossFileOnly`,
 * pairs within one file are skipped (parseDefinitionFile has reported them).
 */
export function checkAcrossImages(images: readonly ImageDefinition[], crossFileOnly: boolean, report: Report): void {
  const skip = (a: InputLocation, b: InputLocation) => crossFileOnly && a.file === b.file;
  const duplicateNames = checkImageNames(images, skip, report);
  checkGlanceNames(images, duplicateNames, skip, report);
  checkImageIds(images, skip, report);
}

type Skip = (a: InputLocation, b: InputLocation) => boolean;

/** Reports every definition that repeats an earlier name; returns the repeated names. */
function checkImageNames(images: readonly ImageDefinition[], skip: Skip, report: Report): Map<string, ImageDefinition> {
  const byName = new Map<string, ImageDefinition>();
  const repeated = new Map<string, ImageDefinition>();
  for (const def of images) {
    const first = byName.get(def.name);
    if (!first) {
      byName.set(def.name, def);
      continue;
    }
    repeated.set(def.name, first);
    if (skip(first.location, def.location)) continue;
    report(nameLocation(def), `duplicate image name '${clip(def.name, 60)}': also defined at ${formatLocation(nameLocation(first))}`);
  }
  return repeated;
}

/**
 * Generated names two definitions share. Of definitions with a repeated name only the first
 * takes part: the others are already reported, and every one of their names would collide too.
 */
function checkGlanceNames(images: readonly ImageDefinition[], repeated: ReadonlyMap<string, ImageDefinition>, skip: Skip, report: Report): void {
  const produced = new Map<string, { def: ImageDefinition; version?: string }>();
  const reported = new Set<string>();
  const describe = (d: ImageDefinition, v: string | undefined) =>
    v === undefined ? `'${clip(d.name, 40)}'` : `'${clip(d.name, 40)}' version '${clip(v, 30)}'`;
  for (const def of images) {
    const first = repeated.get(def.name);
    if (first && first !== def) continue;
    for (const { name, version } of everyGlanceName(def)) {
      const owner = produced.get(name);
      if (!owner) {
        produced.set(name, { def, version });
        continue;
      }
      if (owner.def === def) continue;
      const pair = `${name}\u0000${owner.def.name}\u0000${def.name}`;
      if (reported.has(pair) || skip(owner.def.location, def.location)) continue;
      reported.add(pair);
      report(
        nameLocation(def),
        `the Glance name '${clip(name, 60)}' would be used by ${describe(def, version)} and by ${describe(owner.def, owner.version)} at ${formatLocation(nameLocation(owner.def))}`,
      );
    }
  }
}

function checkImageIds(images: readonly ImageDefinition[], skip: Skip, report: Report): void {
  const byId = new Map<string, VersionDefinition>();
  for (const def of images) {
    for (const v of def.versions) {
      if (v.id === undefined) continue;
      const first = byId.get(v.id);
      if (!first) {
        byId.set(v.id, v);
        continue;
      }
      if (skip(idLocation(first), idLocation(v))) continue;
      report(idLocation(v), `duplicate image id ${v.id}: also used at ${formatLocation(idLocation(first))}`);
    }
  }
}
