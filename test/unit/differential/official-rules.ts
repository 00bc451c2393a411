/**
 * The oracle of the differential test: what the official SCS test (STD/Tests/iaas/openstack_test.py with
 * scs_0102_image_metadata and scs_0104_standard_images) prints for each testcase, transcribed from the description
 * as its code reads — an independent reading, not derived from this
 * project's src/core/check. Where the Python code would raise, the verdict is ABORT (openstack_test.py's harness).
 *
 * Where a reading leaves the exact code open and the verdict depends on it, the oracle explores every reading (a
 * `choose()` point) and combines: one verdict under all readings is that verdict; FAIL under some and ABORT under
 * others is ABORT (the comparison then accepts FAIL or ABORT, never PASS); PASS under some and not under others is
 * UNDETERMINED and not compared. The choice points are named below and listed with each verdict's reason.
 */
import {
  isDecimal,
  pyGet,
  pyIn,
  PyRaise,
  props,
  pyRstrip,
  pyTypeName,
  rsplitSpaceOnce,
  asStr,
  sdkImage,
  strptimeUtc,
  truthy,
  type SdkImage,
} from './python-semantics.js';

export type OfficialVerdict = 'PASS' | 'FAIL' | 'ABORT' | 'UNDETERMINED';
export interface OfficialResult {
  verdict: OfficialVerdict;
  /** Why: the exception for ABORT, the first error for FAIL, the readings for a combined verdict. */
  reason: string;
}

// ---- testcase ids and what each scope runs ------------------------------------------------
export const SCS_0102_V1_MAIN = [
  'scs-0102-prop-architecture',
  'scs-0102-prop-min_disk',
  'scs-0102-prop-min_ram',
  'scs-0102-prop-os_version',
  'scs-0102-prop-os_distro',
  'scs-0102-prop-hw_disk_bus',
  'scs-0102-prop-image_build_date',
  'scs-0102-prop-image_original_user',
  'scs-0102-prop-image_source',
  'scs-0102-prop-image_description',
  'scs-0102-prop-replace_frequency',
  'scs-0102-prop-provided_until',
  'scs-0102-prop-uuid_validity',
  'scs-0102-image-recency',
] as const;
export const SCS_0102_V1_REC = [
  'scs-0102-prop-hash_algo',
  'scs-0102-prop-os_purpose',
  'scs-0102-os_purpose-uniqueness',
  'scs-0102-prop-hypervisor_type',
  'scs-0102-prop-hw_rng_model',
  'scs-0102-prop-hotfix_hours',
] as const;
export const SCS_0102_V2_MAIN = [...SCS_0102_V1_MAIN, 'scs-0102-prop-os_purpose', 'scs-0102-os_purpose-uniqueness'] as const;
export const SCS_0102_V2_REC = [
  'scs-0102-prop-hash_algo',
  'scs-0102-prop-hypervisor_type',
  'scs-0102-prop-hw_rng_model',
  'scs-0102-prop-hotfix_hours',
] as const;
export const SCS_0104_V1_2_MAIN = [
  'scs-0104-source-capi-1',
  'scs-0104-source-capi-2',
  'scs-0104-source-ubuntu-2404',
  'scs-0104-source-ubuntu-2204',
  'scs-0104-source-ubuntu-2004',
  'scs-0104-source-debian-13',
  'scs-0104-source-debian-12',
  'scs-0104-source-debian-11',
  'scs-0104-image-ubuntu-2404',
] as const;
export const SCS_0104_V1_2_REC = ['scs-0104-image-capi-2', 'scs-0104-image-debian-12'] as const;

// ---- the hard-coded scs-0104 entries of standard_images.py (the regiocloud prefixes spelled
// out as in the published spec files, data/standards/scs-0104-reference-entries.yaml) ----------------------------
const CAPI_PREFIXES = [
  'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/',
  'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kube',
  'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube',
];
interface Spec {
  name: string;
  nameScheme?: RegExp;
  source: string[];
}
const ubuntu = (name: string, codename: string): Spec => ({
  name,
  source: [`https://cloud-images.ubuntu.com/releases/${codename}/`, `https://cloud-images.ubuntu.com/${codename}/`],
});
const debian = (name: string, codename: string): Spec => ({
  name,
  source: [`https://cloud.debian.org/images/cloud/${codename}/`, `https://cdimage.debian.org/cdimage/cloud/${codename}/`],
});
// re.match: anchored at the start only
const SPECS: Record<string, Spec> = {
  'capi-1': { name: 'ubuntu-capi-image-1', nameScheme: /^(?:ubuntu-capi-image v[0-9]\.[0-9]+(\.[0-9]+)?)/, source: CAPI_PREFIXES },
  'capi-2': { name: 'ubuntu-capi-image-2', nameScheme: /^(?:ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?)/, source: CAPI_PREFIXES },
  'ubuntu-2404': ubuntu('Ubuntu 24.04', 'noble'),
  'ubuntu-2204': ubuntu('Ubuntu 22.04', 'jammy'),
  'ubuntu-2004': ubuntu('Ubuntu 20.04', 'focal'),
  'debian-13': debian('Debian 13', 'trixie'),
  'debian-12': debian('Debian 12', 'bookworm'),
  'debian-11': debian('Debian 11', 'bullseye'),
  'debian-10': debian('Debian 10', 'buster'),
};

// ---- constants of image_metadata.py -----------------------------------------------------
const ARCHITECTURES = ['x86_64', 'aarch64', 'risc-v'];
const HW_DISK_BUSES = ['virtio', 'scsi']; // and None
const HYPERVISOR_TYPES = ['qemu', 'kvm', 'xen', 'hyper-v', 'esxi']; // and None
const HW_RNG_MODELS = ['virtio']; // and None
const OS_PURPOSES = ['generic', 'oldgeneric', 'minimal', 'k8snode', 'gpu', 'network', 'custom'];
const HOUR = 3600;
const DAY = 24 * HOUR;
const FREQ_TO_SEC: Record<string, number> = {
  daily: 25 * HOUR,
  weekly: 7 * 25 * HOUR,
  monthly: 31 * DAY,
  quarterly: 92 * DAY,
  yearly: 365 * DAY,
  never: 0,
  critical_bug: 0,
};
const DATE_FORMATS = ['%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d'];
const STRICT_FORMATS = ['%Y-%m-%dT%H:%M:%SZ'];
const GIB = 1024 ** 3;

// ---- choice points: where the code read does not pin the behaviour down -------------------------------------------
/**
 * None at present. The scs-0102 points that a summary reading left open (whether parse_date lets a non-str through,
 * leap seconds, the defaults of image_build_date / image_source / hotfix_hours, the date formats of uuid_validity and
 * provided_until, which warnings join names, the order of the uniqueness filters, how recency finds the replacement)
 * were settled by reading STD/Tests/iaas/scs_0102_image_metadata/image_metadata.py at 077174d9 itself and running its
 * functions on this generator's image sets; the readings that disagreed with that code were dropped. The mechanism
 * stays for the next point a description leaves open.
 */
interface Chooser {
  choose<T extends string>(point: string, options: readonly T[]): T;
}

/**
 * Runs `fn` under every reading it reaches: a reading assigns one option to each choice point (the same option
 * wherever the point recurs, as one piece of code behaves one way); depth-first over the points in the order reached.
 */
function explore(fn: (c: Chooser) => OfficialVerdictRaw): Array<{ verdict: OfficialVerdictRaw; path: string[] }> {
  const results: Array<{ verdict: OfficialVerdictRaw; path: string[] }> = [];
  const stack: number[][] = [[]];
  while (stack.length > 0) {
    const prefix = stack.pop()!;
    const picked = new Map<string, string>();
    const indices: number[] = [];
    const chooser: Chooser = {
      choose<T extends string>(point: string, options: readonly T[]): T {
        const known = picked.get(point);
        if (known !== undefined) return known as T;
        const depth = indices.length;
        const i = depth < prefix.length ? prefix[depth]! : 0;
        if (depth >= prefix.length) for (let alt = options.length - 1; alt > 0; alt--) stack.push([...indices, alt]);
        indices.push(i);
        picked.set(point, options[i]!);
        return options[i]!;
      },
    };
    const verdict = fn(chooser);
    results.push({ verdict, path: [...picked].map(([k, v]) => `${k}=${v}`) });
  }
  return results;
}

interface OfficialVerdictRaw {
  verdict: 'PASS' | 'FAIL' | 'ABORT';
  reason: string;
}

function combine(runs: Array<{ verdict: OfficialVerdictRaw; path: string[] }>): OfficialResult {
  const first = runs[0]!.verdict;
  if (runs.length === 1) return first;
  const kinds = new Set(runs.map((r) => r.verdict.verdict));
  const detail = runs.map((r) => `[${r.path.join(', ')}] ${r.verdict.verdict}: ${r.verdict.reason}`).join('; ');
  if (kinds.size === 1) return { verdict: first.verdict, reason: `${first.reason} (under every reading: ${detail})` };
  if (!kinds.has('PASS')) return { verdict: 'ABORT', reason: `FAIL or ABORT depending on the reading: ${detail}` };
  return { verdict: 'UNDETERMINED', reason: `depends on the reading: ${detail}` };
}

// ---- the run ---------------------------------------------------------------------------------------------------

export interface OfficialInput {
  /** The Glance listing as the tool reads it (`{"images": [...]}`'s list, in listed order). */
  listing: ReadonlyArray<Record<string, unknown>>;
  /** The instant of the check, epoch seconds (the `now` the official functions are called with). */
  now: number;
}

/** The official verdict of each given testcase id for one image listing. */
export function officialVerdicts(input: OfficialInput, ids: readonly string[]): Map<string, OfficialResult> {
  // openstack_test.py:66-67: public+community from a listing that never shows os_hidden images;
  // scs-0104 looks images up by name, the last listed winning
  const images = input.listing.filter((raw) => raw['os_hidden'] !== true && pyIn(raw['visibility'], ['public', 'community'])).map(sdkImage);
  const lookup = new Map<string | null, SdkImage>();
  for (const img of images) lookup.set(img.name, img);
  const out = new Map<string, OfficialResult>();
  for (const id of ids) {
    const fn = testcase(id);
    out.set(
      id,
      combine(
        explore((c) => {
          try {
            const reason = fn({ images, lookup, now: input.now, c });
            return reason === true ? { verdict: 'PASS', reason: '' } : { verdict: 'FAIL', reason };
          } catch (e) {
            if (e instanceof PyRaise) return { verdict: 'ABORT', reason: e.message };
            throw e;
          }
        }),
      ),
    );
  }
  return out;
}

interface Ctx {
  images: SdkImage[];
  lookup: Map<string | null, SdkImage>;
  now: number;
  c: Chooser;
}
/** A testcase body: true (PASS) or the first error (FAIL); a PyRaise is an ABORT. */
type Body = (ctx: Ctx) => true | string;

function testcase(id: string): Body {
  const prop = PROPERTY_TESTCASES[id];
  if (prop) return prop;
  if (id === 'scs-0102-image-recency') return recency;
  if (id === 'scs-0102-os_purpose-uniqueness') return uniqueness;
  const m = /^scs-0104-(source|image)-(.+)$/.exec(id);
  const spec = m && SPECS[m[2]!];
  if (m && spec) return m[1] === 'source' ? (ctx) => source0104(ctx, spec) : (ctx) => presence0104(ctx, spec);
  throw new Error(`oracle: testcase ${id} not modelled`);
}

// ---- scs-0102 -----------------------------------------------------------------------------------------------

/** `ERROR: <cause> for image(s): a, b` — `', '.join(names)`: a None name raises TypeError. */
function joinNames(offenders: readonly SdkImage[]): string {
  if (offenders.some((i) => i.name === null))
    throw new PyRaise('TypeError', 'sequence item: expected str instance, NoneType found (an offending image has name None)');
  return offenders.map((i) => i.name).join(', ');
}

/** A list-style check: FAIL naming every image for which `ok` is false. */
function listCheck(cause: string, ok: (img: SdkImage) => boolean): Body {
  return ({ images }) => {
    const offenders = images.filter((i) => !ok(i));
    return offenders.length === 0 ? true : `${cause} for image(s): ${joinNames(offenders)}`;
  };
}

/**
 * parse_date(value, formats): the first format that reads the value, as epoch seconds; null where none does. The
 * official callers test the result's truth, so a date at the epoch (0) reads as none: null here too. A value that is
 * not a str (None included) makes strptime raise TypeError, which parse_date does not catch (it catches ValueError).
 * Seconds 60 and 61 are read (time.strptime admits them and timegm counts on).
 */
function parseDate(value: unknown, formats: readonly string[]): number | null {
  if (typeof value !== 'string') throw new PyRaise('TypeError', `strptime() argument 0 must be str, not ${pyTypeName(value)}`);
  for (const f of formats) {
    const r = strptimeUtc(value, f);
    if (r !== null) return r.t === 0 ? null : r.t;
  }
  return null;
}

/** The registration date, strictly in Glance's format; 0 when it does not parse, TypeError when it is None. */
function createdAt(img: SdkImage): number {
  return parseDate(img.attr('created_at'), STRICT_FORMATS) ?? 0;
}

const PROPERTY_TESTCASES: Record<string, Body> = {
  'scs-0102-prop-architecture': listCheck('Unsupported architecture', (i) => pyIn(i.attr('architecture'), ARCHITECTURES)),
  'scs-0102-prop-hash_algo': listCheck('Unsupported hash_algo', (i) => pyIn(i.attr('os_hash_algo'), ['sha256', 'sha512'])),
  'scs-0102-prop-min_disk': ({ images }) => {
    const notSet: SdkImage[] = [];
    const tooSmall: SdkImage[] = [];
    for (const img of images) {
      const minDisk = img.attr('min_disk');
      if (!truthy(minDisk)) {
        notSet.push(img);
        continue;
      }
      const size = img.attr('size');
      if (typeof size !== 'number')
        throw new PyRaise(
          'TypeError',
          `'<' not supported between instances of 'int' and 'NoneType' (image ${JSON.stringify(img.name)}: min_disk with size None)`,
        );
      if ((minDisk as number) * GIB < size) tooSmall.push(img);
    }
    const errors: string[] = [];
    if (notSet.length) errors.push(`min_disk not set for image(s): ${joinNames(notSet)}`);
    if (tooSmall.length) errors.push(`min_disk too small for image(s): ${joinNames(tooSmall)}`);
    return errors.length === 0 ? true : errors.join('; ');
  },
  'scs-0102-prop-min_ram': ({ images }) => {
    const notSet = images.filter((i) => !truthy(i.attr('min_ram')));
    // the warning about a low min_ram builds its message like the errors do: a None name raises there too
    joinNames(images.filter((i) => truthy(i.attr('min_ram')) && (i.attr('min_ram') as number) < 64));
    return notSet.length === 0 ? true : `min_ram not set for image(s): ${joinNames(notSet)}`;
  },
  'scs-0102-prop-os_version': listCheck('os_version not set', (i) => truthy(i.attr('os_version'))),
  'scs-0102-prop-os_distro': listCheck('os_distro not set', (i) => truthy(i.attr('os_distro'))),
  'scs-0102-prop-os_purpose': listCheck('Unsupported os_purpose', (i) => pyIn(pyGet(props(i), 'os_purpose'), OS_PURPOSES)),
  'scs-0102-prop-hw_disk_bus': listCheck('Unsupported hw_disk_bus', (i) => pyIn(i.attr('hw_disk_bus'), HW_DISK_BUSES, true)),
  'scs-0102-prop-hypervisor_type': listCheck('Unsupported hypervisor_type', (i) => pyIn(i.attr('hypervisor_type'), HYPERVISOR_TYPES, true)),
  'scs-0102-prop-hw_rng_model': listCheck('Unsupported hw_rng_model', (i) => pyIn(i.attr('hw_rng_model'), HW_RNG_MODELS, true)),
  'scs-0102-prop-image_build_date': ({ images, now }) => {
    const errors: string[] = [];
    for (const img of images) {
      // the registration date first, then the build date, which defaults to '' (invalid) when absent
      const created = createdAt(img);
      const value = pyGet(props(img), 'image_build_date', '');
      const build = parseDate(value, DATE_FORMATS);
      if (build === null) errors.push(`Image ${img.name} has invalid image_build_date ${JSON.stringify(value)}`);
      else if (build > created) errors.push(`Image ${img.name} built after its upload`);
      if ((build ?? created) > now) errors.push(`Image ${img.name} built in the future`);
    }
    return errors.length === 0 ? true : errors.join('; ');
  },
  'scs-0102-prop-image_original_user': listCheck('image_original_user not set', (i) => truthy(pyGet(props(i), 'image_original_user'))),
  'scs-0102-prop-image_source': ({ images }) => {
    const offenders = images.filter((img) => {
      const p = props(img);
      if (pyGet(p, 'image_source') === 'private') return false;
      // is_url: a scheme exists only before a '://' (a value without one is no URL); absent reads as ''
      const s = asStr(pyGet(p, 'image_source', ''), 'find');
      const at = s.indexOf('://');
      return !(at >= 0 && ['http', 'https', 'ftp', 'ftps'].includes(s.slice(0, at)));
    });
    return offenders.length === 0 ? true : `image_source invalid for image(s): ${joinNames(offenders)}`;
  },
  'scs-0102-prop-image_description': listCheck('image_description not set', (i) => truthy(pyGet(props(i), 'image_description'))),
  'scs-0102-prop-replace_frequency': listCheck('Unsupported replace_frequency', (i) => pyIn(pyGet(props(i), 'replace_frequency'), Object.keys(FREQ_TO_SEC))),
  'scs-0102-prop-provided_until': listCheck('provided_until not set', (i) => truthy(pyGet(props(i), 'provided_until'))),
  'scs-0102-prop-uuid_validity': ({ images }) => {
    const errors: string[] = [];
    for (const img of images) {
      const value = pyGet(props(img), 'uuid_validity');
      if (value === null || pyIn(value, ['none', 'notice', 'forever'])) continue;
      // anything but a str raises: slicing a number, or strptime on a list
      if (typeof value !== 'string') throw new PyRaise('TypeError', `uuid_validity ${JSON.stringify(value)} (${pyTypeName(value)}) is sliced or parsed`);
      if (value.startsWith('last-') && isDecimal(value.slice(5))) continue;
      if (parseDate(value, DATE_FORMATS) !== null) continue;
      errors.push(`Image ${img.name} has invalid uuid_validity ${JSON.stringify(value)}`);
    }
    return errors.length === 0 ? true : errors.join('; ');
  },
  'scs-0102-prop-hotfix_hours': ({ images }) => {
    const errors: string[] = [];
    for (const img of images) {
      // absent reads as ''; every falsy value (0, false, None, '') passes before `.isdecimal()` is called
      const value = pyGet(props(img), 'hotfix_hours', '');
      if (!truthy(value)) continue;
      if (!isDecimal(asStr(value, 'isdecimal'))) errors.push(`Image ${img.name} has invalid hotfix_hours ${JSON.stringify(value)}`);
    }
    return errors.length === 0 ? true : errors.join('; ');
  },
};

/** is_outdated: 0 fine, 1 outdated but marked, 2 outdated and not marked, 3 invalid provided_until. */
function outdatedness(ctx: Ctx, img: SdkImage): 0 | 1 | 2 | 3 {
  const { now } = ctx;
  const p = props(img);
  // build date, '' when absent; where it does not parse (or is the epoch), the registration date
  const build = parseDate(pyGet(p, 'image_build_date', ''), DATE_FORMATS) ?? createdAt(img);
  const freq = pyGet(p, 'replace_frequency', 'never');
  if (freq === 'never' || freq === 'critical_bug') return 0;
  // FREQ_TO_SEC.get(freq): a list or dict is unhashable; any other unknown value is a warning and 0
  if (freq !== null && typeof freq === 'object') throw new PyRaise('TypeError', `unhashable type: '${pyTypeName(freq)}'`);
  const period = typeof freq === 'string' && Object.hasOwn(FREQ_TO_SEC, freq) ? FREQ_TO_SEC[freq]! : 0;
  if (period === 0) return 0;
  if (now <= build + 1.1 * period) return 0;
  if (!Object.hasOwn(p, 'provided_until')) throw new PyRaise('KeyError', `'provided_until' (image ${JSON.stringify(img.name)})`);
  const until = p['provided_until'];
  if (pyIn(until, ['none', 'notice'])) return 0;
  const untilT = parseDate(until, DATE_FORMATS);
  if (untilT === null) return 3;
  if (now > untilT) return 0;
  // hidden images never reach the test
  if (img.name === null) throw new PyRaise('AttributeError', "'NoneType' object has no attribute 'rsplit' (outdated image with name None)");
  const parts = rsplitSpaceOnce(img.name);
  if (parts.length < 2) return 2;
  const marker = parts[1]!;
  if (marker === 'old' || marker === 'prev') return 1;
  if (parseDate(marker, ['%Y-%m-%d', '%Y%m%d']) !== null) return 1;
  return 2;
}

const recency: Body = (ctx) => {
  const { images } = ctx;
  // the duplicate-name warning joins the duplicated names: a duplicated None raises
  const names = images.map((i) => i.name);
  if (names.some((n, i) => n === null && names.indexOf(n) !== i)) throw new PyRaise('TypeError', 'duplicate-name warning joins a None name');
  // a name-keyed dict: of several images with one name, the last listed
  const byName = new Map<string | null, SdkImage>();
  for (const img of images) byName.set(img.name, img);
  const errors: string[] = [];
  for (const img of images) {
    const o = outdatedness(ctx, img);
    if (o === 0) continue;
    if (o === 3) {
      errors.push(`Image ${img.name} does not provide a valid provided until date`);
      continue;
    }
    // the replacement's name: the name without its last space-separated word, trailing whitespace stripped; a name
    // that this leaves unchanged has no replacement (the image's own name is never looked up)
    const name = img.name!;
    const short = pyRstrip(rsplitSpaceOnce(name)[0]);
    const candidate = short === name ? undefined : byName.get(short);
    if (candidate === undefined || outdatedness(ctx, candidate) !== 0) errors.push(`Image ${name} outdated without replacement`);
  }
  return errors.length === 0 ? true : errors.join('; ');
};

const uniqueness: Body = ({ images }) => {
  const groups = new Map<string, SdkImage[]>();
  for (const img of images) {
    // in this order: visibility, then the two attributes, and only then the properties (which may be None)
    if (img.visibility !== 'public') continue;
    if (!truthy(img.attr('os_distro')) || !truthy(img.attr('os_version'))) continue;
    if (pyGet(props(img), 'os_purpose', '') !== 'generic') continue;
    const key = JSON.stringify([truthy(img.attr('architecture')) ? img.attr('architecture') : '', img.attr('os_distro'), img.attr('os_version')]);
    groups.set(key, [...(groups.get(key) ?? []), img]);
  }
  const dup = [...groups.values()].filter((g) => g.length > 1);
  return dup.length === 0 ? true : dup.map((g) => `several generic images for one os: ${joinNames(g)}`).join('; ');
};

// ---- scs-0104 v1 (standard_images.py) ----------------------------------------------------------

function lookupImages(ctx: Ctx, spec: Spec): SdkImage[] {
  if (!spec.nameScheme) {
    const img = ctx.lookup.get(spec.name);
    return img ? [img] : [];
  }
  const matches: SdkImage[] = [];
  for (const [name, img] of ctx.lookup) {
    if (name === null) throw new PyRaise('TypeError', "expected string or bytes-like object, got 'NoneType' (re.match on an image named None)");
    if (spec.nameScheme.test(name)) matches.push(img);
  }
  return matches;
}

function source0104(ctx: Ctx, spec: Spec): true | string {
  const errors: string[] = [];
  for (const img of lookupImages(ctx, spec)) {
    const src = asStr(pyGet(props(img), 'image_source', ''), 'startswith');
    if (!spec.source.some((p) => src.startsWith(p)))
      errors.push(`Image '${img.name}' source mismatch: '${src}' matches none of these prefixes: ${spec.source.join(', ')}`);
  }
  return errors.length === 0 ? true : errors.join('; ');
}

function presence0104(ctx: Ctx, spec: Spec): true | string {
  return lookupImages(ctx, spec).length > 0 ? true : `Missing image '${spec.name}'`;
}
