/**
 * A value of the definitions file together with how the YAML text spelled it.
 *
 * The yaml package reads YAML 1.2; OIM reads definitions with PyYAML (YAML 1.1). The two differ
 * on spellings that matter here: plain `yes`/`no`/`on`/`off` are booleans for PyYAML, and `8.0`
 * is a float for both but a JS number 8 that would pass as a whole number. Messages also quote
 * the spelling (`22.10`, read as 22.1). So the schema checks receive every field as Written.
 */
import { isScalar } from 'yaml';
import type { LocatedYaml, PathSegment } from '../yaml/positions.js';
import type { Mapping } from './merge-keys.js';

export class Written {
  constructor(
    private readonly y: LocatedYaml,
    private readonly path: readonly PathSegment[],
    /** The value as read (merge keys resolved). */
    readonly value: unknown,
  ) {}

  /**
   * The scalar exactly as written (`1.10`, `yes`), when the path is a scalar node of the
   * document. A value that came in through a merge key has no node at its own path, so none.
   */
  get source(): string | undefined {
    const node = this.node();
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  /** Written without quotes: only plain scalars can be YAML 1.1 booleans. */
  get plain(): boolean {
    const node = this.node();
    return isScalar(node) && node.type === 'PLAIN';
  }

  /** Item `index` of a list value, with its own spelling. */
  item(index: number): Written {
    return new Written(this.y, [...this.path, index], Array.isArray(this.value) ? this.value[index] : undefined);
  }

  private node(): unknown {
    return this.y.doc.getIn(this.path, true);
  }
}

/** Every key of a mapping at `path` as Written, for a zod schema of that mapping. */
export function writtenFields(y: LocatedYaml, path: readonly PathSegment[], obj: Mapping): Record<string, Written> {
  return Object.fromEntries(Object.entries(obj).map(([key, value]) => [key, new Written(y, [...path, key], value)]));
}

/** The value of `key` in the mapping at `path` as Written; undefined when the key is absent. */
export function writtenField(y: LocatedYaml, path: readonly PathSegment[], obj: Mapping, key: string): Written | undefined {
  return obj[key] === undefined ? undefined : new Written(y, [...path, key], obj[key]);
}
