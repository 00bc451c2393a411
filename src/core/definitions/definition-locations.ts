/**
 * Where an image's `name` and a version's `id` were written. The model (types.ts) keeps only
 * where each entry starts; the checks across images point at the name or id itself. Set by the
 * readers; a definition built elsewhere has none, and the checks fall back to its location.
 */
import type { InputLocation } from '../errors.js';
import type { ImageDefinition, VersionDefinition } from './types.js';

const nameLocations = new WeakMap<ImageDefinition, InputLocation>();
const idLocations = new WeakMap<VersionDefinition, InputLocation>();

export function recordNameLocation(def: ImageDefinition, location: InputLocation): void {
  nameLocations.set(def, location);
}

export function recordIdLocation(version: VersionDefinition, location: InputLocation): void {
  idLocations.set(version, location);
}

export function nameLocation(def: ImageDefinition): InputLocation {
  return nameLocations.get(def) ?? { ...def.location, field: def.location.field ? `${def.location.field}.name` : 'name' };
}

export function idLocation(version: VersionDefinition): InputLocation {
  return idLocations.get(version) ?? version.location;
}
