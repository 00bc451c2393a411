import type { Image } from '../../images/image.js';
import { DATE_FORMAT_LABELS, formatSeconds, isStandardTextDate, parseCreatedAt, parseScsDate, strptimeFirst } from './dates.js';
import { advisory, crash, label, note, show, violation, warning, type Observation } from './observation.js';
import { inList, isDecimal, prop, truthy } from './python-values.js';
import type { MetadataVersion, Scs0102TestcaseId } from './testcases.js';

/**
 * The per-image scs-0102 property rules, each exactly as the official test decides it (so that a
 * verdict here is the certificate's verdict), plus advisories where the standard's text reads the rule differently.
 * A rule returns what it saw about one image; no observation of kind `violation` means the image
 * passes.
 */
export interface RuleContext {
  /** Epoch seconds. */
  now: number;
  version: MetadataVersion;
}

export type PropertyRule = (image: Image, ctx: RuleContext) => Observation[];

const ARCHITECTURES = ['x86_64', 'aarch64', 'risc-v'] as const;
const HASH_ALGOS = ['sha256', 'sha512'] as const;
const OS_PURPOSES = ['generic', 'oldgeneric', 'minimal', 'k8snode', 'gpu', 'network', 'custom'] as const;
const HW_DISK_BUSES = ['virtio', 'scsi'] as const;
const HYPERVISOR_TYPES = ['qemu', 'kvm', 'xen', 'hyper-v', 'esxi'] as const;
const HW_RNG_MODELS = ['virtio'] as const;
const REPLACE_FREQUENCIES = ['never', 'critical_bug', 'yearly', 'quarterly', 'monthly', 'weekly', 'daily'] as const;
const URL_SCHEMES = ['http', 'https', 'ftp', 'ftps'] as const;
/** Glance's hypervisor_type values (the OpenStack docs the standard refers to; older docs also list kvm). */
const OPENSTACK_HYPERVISOR_TYPES = ['hyperv', 'ironic', 'lxc', 'qemu', 'uml', 'vmware', 'xen', 'kvm'] as const;
/** The standard's spelling for the two values the official test spells differently. */
const OPENSTACK_SPELLING: Readonly<Record<string, string>> = { 'hyper-v': 'hyperv', esxi: 'vmware' };

const GIB = 1024 ** 3;
const NOT_SET = '(not set)';

/** `has no X property` / `has an empty X` / `has X 'value'`. */
function has(property: string, value: unknown): string {
  if (value === undefined) return `has no ${property} property`;
  if (value === '') return `has an empty ${property}`;
  return `has ${property} ${show(value)}`;
}

/** The property must be one of `allowed` (or missing, with acceptMissing). */
function oneOf(property: string, allowed: readonly string[], acceptMissing = false): PropertyRule {
  const list = allowed.join(', ');
  return (image) => {
    const value = prop(image, property);
    if (inList(value, allowed, acceptMissing)) return [];
    return [
      violation({
        image,
        property,
        value,
        expected: acceptMissing ? [...allowed, NOT_SET] : [...allowed],
        message: `${label(image)} ${has(property, value)}: must be one of ${list}${acceptMissing ? ' (or not set)' : ''}`,
      }),
    ];
  };
}

/** The property must be truthy in Python terms (set and non-empty). */
function nonEmpty(property: string): PropertyRule {
  return (image) => {
    const value = prop(image, property);
    if (truthy(value)) return [];
    return [
      violation({
        image,
        property,
        value,
        expected: ['a non-empty value'],
        message: `${label(image)} ${has(property, value)}: must be set to a non-empty value`,
      }),
    ];
  };
}

const architecture = oneOf('architecture', ARCHITECTURES);

const hashAlgo: PropertyRule = (image) => {
  const value = image.hashAlgo;
  if (inList(value, HASH_ALGOS)) return [];
  const why = value === undefined ? 'has no os_hash_algo (Glance computes it when image data is uploaded)' : has('os_hash_algo', value);
  return [violation({ image, property: 'os_hash_algo', value, expected: [...HASH_ALGOS], message: `${label(image)} ${why}: must be sha256 or sha512` })];
};

const minDisk: PropertyRule = (image) => {
  const value = image.minDisk;
  if (!truthy(value) || value === undefined) {
    return [
      violation({
        image,
        property: 'min_disk',
        value,
        expected: ['a positive number of GiB'],
        message: `${label(image)} ${value === undefined ? 'has no min_disk' : 'has min_disk 0'}: min_disk must be set (GiB)`,
      }),
    ];
  }
  if (image.size === undefined) {
    // not known to this check at all (a predicted image, an export without sizes): nothing to compare
    return [note(`${label(image)}: its image data size is not known here, so min_disk ${value} GiB was not compared with it`, image, value)];
  }
  if (image.size === null) {
    // Glance says "no data" (queued): the official test compares with None here and raises (ABORT);
    // never pass what it cannot decide
    return [
      crash({
        image,
        property: 'min_disk',
        value,
        expected: ['image data to compare min_disk with'],
        problem: `${label(image)} has min_disk ${value} GiB but no image data size (no data uploaded yet)`,
        why: 'it compares min_disk with the missing size',
      }),
    ];
  }
  if (value * GIB >= image.size) return [];
  const needed = Math.ceil(image.size / GIB);
  return [
    violation({
      image,
      property: 'min_disk',
      value,
      expected: [`at least ${needed} (GiB; the image data is ${image.size} bytes)`],
      message: `${label(image)} has min_disk ${value} GiB, less than its image data (${image.size} bytes): min_disk × 1 GiB must be at least the image size, i.e. min_disk ≥ ${needed}`,
    }),
  ];
};

const minRam: PropertyRule = (image) => {
  const value = image.minRam;
  if (!truthy(value) || value === undefined) {
    return [
      violation({
        image,
        property: 'min_ram',
        value,
        expected: ['a positive number of MiB'],
        message: `${label(image)} ${value === undefined ? 'has no min_ram' : 'has min_ram 0'}: min_ram must be set (MiB)`,
      }),
    ];
  }
  if (value < 64) return [warning(`${label(image)} has min_ram ${value} MiB, less than 64 MiB`, image, value)];
  return [];
};

const osPurposeList = oneOf('os_purpose', OS_PURPOSES);
const osPurpose: PropertyRule = (image, ctx) => {
  const result = osPurposeList(image, ctx);
  if (ctx.version === 'v1' && prop(image, 'os_purpose') === 'oldgeneric') {
    result.push(
      advisory(
        'standard',
        `${label(image)} has os_purpose 'oldgeneric', which scs-0102 v1 does not list (it was added in v2); the official test accepts it for v1 too`,
        image,
        'oldgeneric',
      ),
    );
  }
  return result;
};

const hwDiskBusList = oneOf('hw_disk_bus', HW_DISK_BUSES, true);
const hwDiskBus: PropertyRule = (image, ctx) => {
  const result = hwDiskBusList(image, ctx);
  if (prop(image, 'hw_disk_bus') === undefined) {
    result.push(
      advisory(
        'standard',
        `${label(image)} has no hw_disk_bus property, which the standard's text makes mandatory; the official test lets a missing hw_disk_bus pass`,
        image,
      ),
    );
  }
  return result;
};

const hypervisorTypeList = oneOf('hypervisor_type', HYPERVISOR_TYPES, true);
const hypervisorType: PropertyRule = (image, ctx) => {
  const result = hypervisorTypeList(image, ctx);
  const value = prop(image, 'hypervisor_type');
  if (typeof value !== 'string') return result;
  const official = inList(value, HYPERVISOR_TYPES);
  const documented = inList(value, OPENSTACK_HYPERVISOR_TYPES);
  if (official && !documented) {
    result.push(
      advisory(
        'standard',
        `${label(image)} has hypervisor_type '${value}', which the official test accepts, but the OpenStack docs the standard refers to spell it '${OPENSTACK_SPELLING[value] ?? value}'`,
        image,
        value,
      ),
    );
  } else if (!official && documented) {
    result.push(
      advisory(
        'standard',
        `${label(image)} has hypervisor_type '${value}', an OpenStack value as the standard asks for, but the official test only accepts ${HYPERVISOR_TYPES.join(', ')}`,
        image,
        value,
      ),
    );
  }
  return result;
};

const hwRngModel = oneOf('hw_rng_model', HW_RNG_MODELS, true);

const imageBuildDate: PropertyRule = (image, ctx) => {
  const out: Observation[] = [];
  const value = prop(image, 'image_build_date');
  let built: number | undefined;
  const invalid = (why: string): void => {
    out.push(
      violation({
        image,
        property: 'image_build_date',
        value,
        expected: DATE_FORMAT_LABELS.map((f) => `${f} (UTC)`),
        message: `${label(image)} ${why}: must be a UTC date as ${DATE_FORMAT_LABELS.join(', ')}`,
      }),
    );
  };
  if (value === undefined || value === '') invalid(has('image_build_date', value));
  else if (typeof value !== 'string') invalid(`has a non-string image_build_date ${show(value)}`);
  else {
    built = parseScsDate(value);
    if (built === undefined) {
      invalid(
        strptimeFirst(value) === 0
          ? `has image_build_date ${show(value)}, the Unix epoch, which the official test cannot tell from "no date" (it reads 0 as invalid)`
          : `has image_build_date ${show(value)}, which is not a valid date`,
      );
    } else if (!isStandardTextDate(value, true)) {
      out.push(
        advisory(
          'standard',
          `${label(image)} has image_build_date ${show(value)}; the standard's text asks for YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss] (the official test also accepts this form)`,
          image,
          value,
        ),
      );
    }
  }

  // registration date: Glance's created_at; the official test uses 0 when it does not parse
  let registered: number | undefined;
  if (image.createdAt === undefined) {
    if (built !== undefined) out.push(note(`${label(image)} has no created_at, so its image_build_date was not compared with the registration date`, image));
  } else {
    registered = parseCreatedAt(image.createdAt) ?? 0;
    if (built !== undefined && built > registered) {
      const why =
        registered === 0
          ? `created_at ${show(image.createdAt)} is not in Glance's format YYYY-MM-DDTHH:MM:SSZ, so the official test compares with 1970-01-01`
          : `the image was registered at ${image.createdAt}`;
      out.push(
        violation({
          image,
          property: 'image_build_date',
          value,
          expected: [`not after created_at ${image.createdAt}`],
          message: `${label(image)} has image_build_date ${show(value)} after its registration: ${why}; an image cannot be built after it was uploaded`,
        }),
      );
    }
  }

  const effective = built ?? registered ?? 0;
  if (effective > ctx.now) {
    const [property, shown] = built !== undefined ? ['image_build_date', value] : ['created_at', image.createdAt];
    out.push(
      violation({
        image,
        property,
        value: shown,
        expected: [`not after the check time ${formatSeconds(ctx.now)}`],
        message: `${label(image)} has a build time in the future: ${property} ${show(shown)} is after the check time ${formatSeconds(ctx.now)}`,
      }),
    );
  }
  return out;
};

/**
 * The scheme as the official test reads it: the text before the first `://`; without `://` there
 * is none, so the value is no URL.
 */
function officialScheme(value: string): string | undefined {
  const idx = value.indexOf('://');
  return idx >= 0 ? value.slice(0, idx) : undefined;
}

const imageSource: PropertyRule = (image) => {
  const value = prop(image, 'image_source');
  if (value === 'private') return [];
  if (typeof value === 'string') {
    const scheme = officialScheme(value);
    if (scheme !== undefined && (URL_SCHEMES as readonly string[]).includes(scheme)) return [];
  }
  let why: string;
  if (value === undefined || value === '') why = has('image_source', value);
  else if (typeof value === 'string') why = `has image_source ${show(value)}, which is neither 'private' nor a URL`;
  else why = `has a non-string image_source ${show(value)}`;
  return [
    violation({
      image,
      property: 'image_source',
      value,
      expected: ['private', 'a URL starting with http://, https://, ftp:// or ftps://'],
      message: `${label(image)} ${why}: must be 'private' or a URL with scheme http, https, ftp or ftps`,
    }),
  ];
};

const replaceFrequency = oneOf('replace_frequency', REPLACE_FREQUENCIES);

const providedUntilSet = nonEmpty('provided_until');
const providedUntil: PropertyRule = (image, ctx) => {
  const result = providedUntilSet(image, ctx);
  const value = prop(image, 'provided_until');
  if (result.length === 0 && !(typeof value === 'string' && (value === 'none' || value === 'notice' || isStandardTextDate(value)))) {
    result.push(
      advisory(
        'standard',
        `${label(image)} has provided_until ${show(value)}; the standard's text asks for YYYY-MM-DD, none or notice (the official test accepts any non-empty value)`,
        image,
        value,
      ),
    );
  }
  return result;
};

const UUID_KEYWORDS = ['none', 'notice', 'forever'];
const uuidValidity: PropertyRule = (image) => {
  const value = prop(image, 'uuid_validity');
  if (value === undefined) {
    return [
      advisory(
        'standard',
        `${label(image)} has no uuid_validity property, which the standard's text makes mandatory; the official test lets a missing uuid_validity pass`,
        image,
      ),
    ];
  }
  const expected = ['none', 'notice', 'forever', 'last-N', `a date (${DATE_FORMAT_LABELS.join(', ')})`, NOT_SET];
  if (typeof value !== 'string') {
    return [
      violation({
        image,
        property: 'uuid_validity',
        value,
        expected,
        message: `${label(image)} has a non-string uuid_validity ${show(value)}: must be none, notice, forever, last-N or a date`,
      }),
    ];
  }
  const valid = UUID_KEYWORDS.includes(value) || (value.startsWith('last-') && isDecimal(value.slice(5))) || parseScsDate(value) !== undefined;
  if (!valid) {
    return [
      violation({
        image,
        property: 'uuid_validity',
        value,
        expected,
        message: `${label(image)} ${has('uuid_validity', value)}: must be none, notice, forever, last-N or a date`,
      }),
    ];
  }
  if (UUID_KEYWORDS.includes(value) || /^last-[0-9]+$/.test(value) || isStandardTextDate(value)) return [];
  return [
    advisory(
      'standard',
      `${label(image)} has uuid_validity ${show(value)}; the standard's text asks for none, last-N, YYYY-MM-DD, notice or forever (the official test accepts this form)`,
      image,
      value,
    ),
  ];
};

const hotfixHours: PropertyRule = (image) => {
  const value = prop(image, 'hotfix_hours');
  if (!truthy(value)) return [];
  if (typeof value === 'string' && isDecimal(value)) return [];
  const why =
    typeof value === 'string' ? `has hotfix_hours ${show(value)}` : `has a non-string hotfix_hours ${show(value)} (Glance stores properties as strings)`;
  return [
    violation({
      image,
      property: 'hotfix_hours',
      value,
      expected: ['a whole number of hours', '(not set or empty)'],
      message: `${label(image)} ${why}: must be a whole number of hours (digits only)`,
    }),
  ];
};

/** The property a `scs-0102-prop-<property>` testcase of the table (testcases.ts) checks. */
type CheckedProperty = Scs0102TestcaseId extends infer Id ? (Id extends `scs-0102-prop-${infer P}` ? P : never) : never;

/** The per-image rule of each property testcase: one for every `scs-0102-prop-…` id of the table, checked by the compiler. */
const PROPERTY_RULES: Readonly<Record<CheckedProperty, PropertyRule>> = {
  architecture,
  hash_algo: hashAlgo,
  min_disk: minDisk,
  min_ram: minRam,
  os_version: nonEmpty('os_version'),
  os_distro: nonEmpty('os_distro'),
  os_purpose: osPurpose,
  hw_disk_bus: hwDiskBus,
  hypervisor_type: hypervisorType,
  hw_rng_model: hwRngModel,
  image_build_date: imageBuildDate,
  image_original_user: nonEmpty('image_original_user'),
  image_source: imageSource,
  image_description: nonEmpty('image_description'),
  replace_frequency: replaceFrequency,
  provided_until: providedUntil,
  uuid_validity: uuidValidity,
  hotfix_hours: hotfixHours,
};

/** The rule of a property testcase; undefined for the testcases over all images (recency, uniqueness). */
export function propertyRule(id: Scs0102TestcaseId): PropertyRule | undefined {
  const property = /^scs-0102-prop-(.+)$/.exec(id)?.[1];
  return property === undefined ? undefined : PROPERTY_RULES[property as CheckedProperty];
}
