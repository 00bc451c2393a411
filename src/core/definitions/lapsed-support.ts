/**
 * Definitions whose `provided_until` date lies before the run's clock: the tool would import,
 * keep and advertise an image its vendor no longer supports (scs-0102: the date until which the
 * image is provided). Not an error (operators may keep such an image knowingly), but init,
 * validate and plan say so. Pure: the clock comes in.
 */
import { formatLocation } from '../errors.js';
import { checkDay } from './value-checks/dates.js';
import { effectiveMeta, type ImageDefinition } from './types.js';
import { dayOf } from '../clock.js';

export function lapsedSupportWarnings(definitions: readonly ImageDefinition[], now: Date): string[] {
  const today = dayOf(now);
  const out: string[] = [];
  for (const def of definitions) {
    const newest = def.versions.at(-1);
    const value = newest ? effectiveMeta(def, newest)['provided_until'] : def.meta['provided_until'];
    // `none`, `notice` and malformed values are someone else's business (the validators')
    const day = checkDay(value);
    if (!day.ok || day.value >= today) continue;
    const date = day.value;
    const at = formatLocation({ ...def.location, field: undefined });
    out.push(
      `${at} ('${def.name}'): provided_until ${date} has passed (today is ${today}): its vendor no longer supports it; ` +
        'move to a supported release, or set a later date or `none` if you provide it on your own',
    );
  }
  return out;
}
