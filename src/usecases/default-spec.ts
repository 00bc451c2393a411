/**
 * Which scs-0104 v1 spec a run uses when the caller names none (`check --standard scs-0104-v1`,
 * `init` without a spec): the one the newest stable version of the bundled scope names on the
 * day, or else the newest bundled spec.
 */
import { defaultImageSpec } from '../core/scope/select-version.js';
import type { Scope } from '../core/scope/scope.js';
import type { ImageSpec } from '../core/spec/image-spec.js';
import { BUNDLED_SPECS } from '../inputs/bundled.js';
import { readImageSpec } from '../inputs/load-image-spec.js';
import { loadScope } from '../inputs/load-scope.js';

/** The default spec's name on `today` (YYYY-MM-DD); `scope` when the caller has loaded the bundled one already. */
export async function defaultSpecName(today: string, scope?: Scope): Promise<string> {
  return defaultImageSpec(scope ?? (await loadScope()), today, BUNDLED_SPECS);
}

/** `--spec`: a bundled name, an http(s) URL or a local file; without one, the default spec on `today`. */
export async function loadImageSpec(spec: string | undefined, today: string): Promise<ImageSpec> {
  return readImageSpec(spec ?? (await defaultSpecName(today)));
}
