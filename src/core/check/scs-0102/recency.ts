import type { Image } from '../../images/image.js';
import { formatSeconds, MARKER_DATE_FORMATS, parseCreatedAt, parseScsDate } from './dates.js';
import { advisory, crash, label, note, show, violation, warning, type Observation } from './observation.js';
import { prop, pyRstrip } from './python-values.js';

/**
 * scs-0102-image-recency, as the official test decides it: an image older than 1.1 × its replace_frequency, and still
 * within its provided_until, must have been replaced by a current image named like it without the
 * last word (`Ubuntu 24.04 20260108` → `Ubuntu 24.04`).
 */

/** Seconds per replace_frequency; rounded up on purpose by the official test (25 h days). */
const FREQUENCY_SECONDS: Readonly<Record<string, number>> = {
  never: 0,
  critical_bug: 0,
  yearly: 365 * 24 * 3600,
  quarterly: 92 * 24 * 3600,
  monthly: 31 * 24 * 3600,
  weekly: 7 * 25 * 3600,
  daily: 25 * 3600,
};
const FREQUENCY_LABEL: Readonly<Record<string, string>> = {
  yearly: '365 days',
  quarterly: '92 days',
  monthly: '31 days',
  weekly: '7 × 25 h',
  daily: '25 h',
};
/** An image is outdated only after 110 % of its replacement period. */
const GRACE_FACTOR = 1.1;
/** Last name words that mark a rotated-out image (besides a date). */
const OUTDATED_MARKERS = ['old', 'prev'] as const;

/**
 * Where an image stands. `current` is the official test's 0, `marked` its 1, `unmarked` its 2,
 * `invalid-provided-until` its 3; `missing-provided-until` and `unreadable-date` are where the
 * official test crashes (a KeyError; a TypeError from strptime on a value that is not text).
 */
export type RecencyState = 'current' | 'marked' | 'unmarked' | 'invalid-provided-until' | 'missing-provided-until' | 'unreadable-date';

/** Why a `current` image is current. */
export type CurrentReason =
  | 'not-replaced' // replace_frequency never / critical_bug / not set
  | 'unknown-frequency'
  | 'in-time'
  | 'provided-until-none'
  | 'provided-until-notice'
  | 'past-provided-until';

export interface RecencyAssessment {
  state: RecencyState;
  reason?: CurrentReason;
  /** For `marked`: the image is hidden, or its name ends in a marker word or date. */
  marker?: 'hidden' | 'name';
  /** Epoch seconds the period counts from (0 when neither date is valid). */
  built: number;
  builtFrom: 'image_build_date' | 'created_at' | 'none';
  frequency: unknown;
  /** built + 1.1 × period, for images with a known, non-zero period. */
  due?: number;
  /** For `unreadable-date`: the image_build_date that is not text (null or a non-string). */
  unreadable?: unknown;
}

/** The official test's `is_outdated`, at `now` (epoch seconds). */
export function assessRecency(image: Image, now: number): RecencyAssessment {
  // the official test reads image_build_date with a default of '' for a missing key only: a null
  // (None) or a number reaches strptime, which raises TypeError for every image, outdated or not
  const rawBuildDate = Object.hasOwn(image.properties, 'image_build_date') ? image.properties['image_build_date'] : '';
  const frequency = prop(image, 'replace_frequency') ?? 'never';
  if (typeof rawBuildDate !== 'string') {
    return { state: 'unreadable-date', built: 0, builtFrom: 'none', frequency, unreadable: rawBuildDate };
  }
  let built = parseScsDate(rawBuildDate);
  let builtFrom: RecencyAssessment['builtFrom'] = 'image_build_date';
  if (built === undefined) {
    // (an image without created_at, from an offline file, counts as built in 1970 here, where the
    // official test would raise; Glance always lists created_at)
    built = image.createdAt === undefined ? undefined : parseCreatedAt(image.createdAt);
    builtFrom = built === undefined ? 'none' : 'created_at';
  }
  const base = { built: built ?? 0, builtFrom, frequency };
  const current = (reason: CurrentReason, due?: number): RecencyAssessment => ({ ...base, state: 'current', reason, ...(due !== undefined ? { due } : {}) });

  if (base.frequency === 'never' || base.frequency === 'critical_bug') return current('not-replaced');
  const period = typeof base.frequency === 'string' && Object.hasOwn(FREQUENCY_SECONDS, base.frequency) ? FREQUENCY_SECONDS[base.frequency] : undefined;
  if (period === undefined) return current('unknown-frequency');
  const due = base.built + GRACE_FACTOR * period;
  if (now <= due) return current('in-time', due);

  const withDue = { ...base, due };
  const until = prop(image, 'provided_until');
  if (until === undefined) return { ...withDue, state: 'missing-provided-until' };
  if (until === 'none') return current('provided-until-none', due);
  if (until === 'notice') return current('provided-until-notice', due);
  const untilSeconds = typeof until === 'string' ? parseScsDate(until) : undefined;
  if (untilSeconds === undefined) return { ...withDue, state: 'invalid-provided-until' };
  if (now > untilSeconds) return current('past-provided-until', due);

  if (image.hidden) return { ...withDue, state: 'marked', marker: 'hidden' };
  const word = lastWord(image.name);
  if (word !== undefined && ((OUTDATED_MARKERS as readonly string[]).includes(word) || parseScsDate(word, MARKER_DATE_FORMATS) !== undefined)) {
    return { ...withDue, state: 'marked', marker: 'name' };
  }
  return { ...withDue, state: 'unmarked' };
}

/** `name.rsplit(' ', 1)[1]`: the text after the last space, or undefined without a space. */
function lastWord(name: string): string | undefined {
  const idx = name.lastIndexOf(' ');
  return idx < 0 ? undefined : name.slice(idx + 1);
}

export interface ReplacementLookup {
  replacement?: Image;
  /** The name looked for, if any. */
  name?: string;
  /** Why there is none. */
  problem?: string;
}

/**
 * The replacement of an outdated image: the image named like it without the last word (and
 * trailing whitespace), which must itself be current. `byName` holds the last image per name.
 * A name that stays the same when shortened (no space, nothing trailing to strip) has no
 * replacement at all: the official test does not look its own name up, so another upload under
 * the same name never counts.
 */
export function findReplacement(byName: ReadonlyMap<string, Image>, name: string, now: number): ReplacementLookup {
  const idx = name.lastIndexOf(' ');
  const short = pyRstrip(idx < 0 ? name : name.slice(0, idx));
  if (short === name) {
    return {
      problem: `its name has no last word to drop (no space), so no other image can replace it, not even one of the same name`,
    };
  }
  const candidate = byName.get(short);
  if (!candidate) return { name: short, problem: `there is no image named '${short}'` };
  const state = assessRecency(candidate, now).state;
  if (state !== 'current') return { name: short, problem: `${label(candidate)} is not current itself (${state})` };
  return { name: short, replacement: candidate };
}

function describe(image: Image, a: RecencyAssessment): string {
  const from =
    a.builtFrom === 'none'
      ? 'no valid image_build_date or created_at, so it counts as built at 1970-01-01T00:00:00Z'
      : `built ${formatSeconds(a.built)} (${a.builtFrom})`;
  const period = typeof a.frequency === 'string' ? FREQUENCY_LABEL[a.frequency] : undefined;
  const due = a.due !== undefined ? `, due for replacement by ${formatSeconds(a.due)} (1.1 × ${period ?? '?'})` : '';
  return `${label(image)} is outdated: ${from}, replace_frequency ${show(a.frequency)}${due}`;
}

const OIM_ROTATED = /\s\(\d{8}\)$/;

/** Observations for scs-0102-image-recency over all images, at `now` (epoch seconds). */
export function checkRecency(images: readonly Image[], now: number): Observation[] {
  const out: Observation[] = [];
  const byName = new Map<string, Image>();
  const counts = new Map<string, number>();
  let unnamed = 0;
  for (const image of images) {
    // an image whose name is None is never found by name (a replacement's name is a str)
    if (image.nameMissing) {
      unnamed++;
      continue;
    }
    byName.set(image.name, image);
    counts.set(image.name, (counts.get(image.name) ?? 0) + 1);
  }
  if (unnamed > 1) {
    // the official duplicate-name warning joins the duplicated names, and None cannot be joined
    out.push(
      crash({
        problem: `${unnamed} images have no name (null), so their duplicate names cannot be listed`,
        why: 'its duplicate-name warning joins the names, and None raises TypeError',
      }),
    );
  }
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([name]) => `'${name}'`);
  if (duplicates.length > 0) {
    out.push(
      warning(
        `duplicate names detected: ${duplicates.join(', ')}; a replacement is looked up by name, and of several images with one name the last listed is used`,
      ),
    );
  }

  for (const image of images) {
    const a = assessRecency(image, now);
    switch (a.state) {
      case 'current':
        if (a.reason === 'unknown-frequency') {
          out.push(
            warning(
              `${label(image)} has replace_frequency ${show(a.frequency)}, which is unknown, so its recency was not checked (see scs-0102-prop-replace_frequency)`,
              image,
              a.frequency,
            ),
          );
        } else if (a.reason === 'provided-until-notice') {
          out.push(
            advisory(
              'standard',
              `${describe(image, a)}; the official test exempts it because provided_until is 'notice', but the standard's text reads notice as "provided until further notice", so the image would still have to be replaced`,
              image,
            ),
          );
        }
        break;
      case 'invalid-provided-until':
        out.push(
          violation({
            image,
            value: prop(image, 'provided_until'),
            message: `${describe(image, a)}, and its provided_until ${show(prop(image, 'provided_until'))} is not a valid date (none, notice or a date such as YYYY-MM-DD), so it is not known whether it is still provided`,
          }),
        );
        break;
      case 'unreadable-date': {
        const value = a.unreadable;
        out.push(
          crash({
            image,
            property: 'image_build_date',
            value,
            expected: ['a date as text, or no image_build_date'],
            problem: `${label(image)} has image_build_date ${value === null ? 'null' : show(value)}, which is not text, so its age cannot be read`,
            why: 'strptime raises TypeError on an image_build_date that is not text, whatever the replace_frequency',
          }),
        );
        break;
      }
      case 'missing-provided-until':
        out.push(
          crash({
            image,
            problem: `${describe(image, a)}, and it has no provided_until property, so it is not known whether it is still provided`,
            why: 'it reads provided_until without a default (KeyError)',
          }),
        );
        break;
      case 'marked':
      case 'unmarked': {
        if (image.nameMissing) {
          // is_outdated (unmarked) or the replacement lookup (marked) splits the name: None has no rsplit
          out.push(crash({ image, problem: `${describe(image, a)}, and it has no name`, why: "it splits the outdated image's name, and None has no rsplit" }));
          break;
        }
        if (a.state === 'unmarked') {
          out.push(warning(`${describe(image, a)}, but it is neither hidden nor marked by its name (last word old, prev, YYYY-MM-DD or YYYYMMDD)`, image));
          if (OIM_ROTATED.test(image.name)) {
            out.push(
              advisory(
                'standard',
                `${label(image)} ends in '(YYYYMMDD)', the openstack-image-manager's rotation suffix; the standard asks for a ' YYYYMMDD' suffix, and the official test does not recognise the parentheses as a marker`,
                image,
              ),
            );
          }
        }
        const lookup = findReplacement(byName, image.name, now);
        if (lookup.replacement) {
          out.push(note(`${label(lookup.replacement)} is a valid replacement for outdated '${image.name}' (${image.id})`, image));
        } else {
          out.push(violation({ image, message: `${describe(image, a)} without replacement: ${lookup.problem}` }));
        }
        break;
      }
    }
  }
  return out;
}
