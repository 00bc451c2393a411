/**
 * OIM's `--check-age`: which managed images were built more than `maxAgeDays` before the build
 * their definition names, so an operator sees images that a rotation should have replaced. Pure;
 * reported, never acted on (as in OIM, it changes nothing).
 *
 * The reference build is OIM's: for a multi image the newest `build_date` of the definition, for
 * a non-multi image the `build_date` of the image's own version (an image whose version is no
 * longer listed is compared with the newest). OIM crashed on an image without
 * `image_build_date`; here that is a note of its own.
 */
import { changeLabel } from './types.js';
import type { ClaimedImage } from './match.js';

const DAY_MS = 86_400_000;

function day(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

export function ageNotes(claims: readonly ClaimedImage[], maxAgeDays: number): string[] {
  const notes: string[] = [];
  for (const { image, definition, label } of [...claims].sort((a, b) => a.image.name.localeCompare(b.image.name))) {
    const dates = definition.versions.map((v) => v.buildDate).sort();
    const own = definition.multi ? undefined : definition.versions.find((v) => v.version === label)?.buildDate;
    const reference = own ?? dates.at(-1);
    const refDay = day(reference);
    if (refDay === undefined) continue;
    const who = `'${changeLabel({ name: image.name, version: label })}' (${image.id})`;
    const built = day(image.properties['image_build_date']);
    if (built === undefined) {
      notes.push(`age: ${who} has no image_build_date; its age cannot be checked`);
      continue;
    }
    const days = Math.round((refDay - built) / DAY_MS);
    if (days > maxAgeDays) {
      notes.push(
        `age: ${who} was built on ${String(image.properties['image_build_date']).slice(0, 10)}, ${days} days before the definition's build of ${reference} (more than --max-age ${maxAgeDays})`,
      );
    }
  }
  return notes;
}
