/**
 * Random Glance image listings for the differential test: realistic SCS images (as the OSISM image manager uploads
 * them) mixed with targeted near-misses of every rule the official test applies. Deterministic for a given PRNG.
 */

type Raw = Record<string, unknown>;
export type Rand = () => number;

const HOUR = 3600;
const DAY = 24 * HOUR;
export const FREQ_SECONDS: Record<string, number> = {
  daily: 25 * HOUR,
  weekly: 7 * 25 * HOUR,
  monthly: 31 * DAY,
  quarterly: 92 * DAY,
  yearly: 365 * DAY,
};

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

interface Kind {
  name: string;
  distro: string;
  version: string;
  sources: string[];
  purpose: string;
  user: string;
}
const CAPI_SOURCE = 'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.30/ubuntu-2404-kube-v1.30.2.qcow2';
const REGIO_SOURCE =
  'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube-v1.30/ubuntu-2204-kube-v1.30.2.qcow2';
const KINDS: Kind[] = [
  {
    name: 'Ubuntu 24.04',
    distro: 'ubuntu',
    version: '24.04',
    sources: [
      'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
      'https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img',
    ],
    purpose: 'generic',
    user: 'ubuntu',
  },
  {
    name: 'Ubuntu 22.04',
    distro: 'ubuntu',
    version: '22.04',
    sources: [
      'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img',
      'https://cloud-images.ubuntu.com/releases/jammy/release/ubuntu-22.04-server-cloudimg-amd64.img',
    ],
    purpose: 'generic',
    user: 'ubuntu',
  },
  {
    name: 'Ubuntu 20.04',
    distro: 'ubuntu',
    version: '20.04',
    sources: ['https://cloud-images.ubuntu.com/focal/current/focal-server-cloudimg-amd64.img'],
    purpose: 'generic',
    user: 'ubuntu',
  },
  {
    name: 'Debian 12',
    distro: 'debian',
    version: '12',
    sources: [
      'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
      'https://cdimage.debian.org/cdimage/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
    ],
    purpose: 'generic',
    user: 'debian',
  },
  {
    name: 'Debian 13',
    distro: 'debian',
    version: '13',
    sources: ['https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2'],
    purpose: 'generic',
    user: 'debian',
  },
  {
    name: 'Debian 11',
    distro: 'debian',
    version: '11',
    sources: ['https://cloud.debian.org/images/cloud/bullseye/latest/debian-11-genericcloud-amd64.qcow2'],
    purpose: 'generic',
    user: 'debian',
  },
  { name: 'ubuntu-capi-image-v1.30.2', distro: 'ubuntu', version: '24.04', sources: [CAPI_SOURCE, REGIO_SOURCE], purpose: 'k8snode', user: 'ubuntu' },
  { name: 'ubuntu-capi-image v1.30.2', distro: 'ubuntu', version: '22.04', sources: [CAPI_SOURCE, REGIO_SOURCE], purpose: 'k8snode', user: 'ubuntu' },
  {
    name: 'Cirros 0.6.2',
    distro: 'cirros',
    version: '0.6.2',
    sources: ['https://github.com/cirros-dev/cirros/releases/download/0.6.2/cirros-0.6.2-x86_64-disk.img'],
    purpose: 'minimal',
    user: 'cirros',
  },
];

// ---- dates ---------------------------------------------------------------------------------------------------

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Epoch seconds in one of the four formats of scs-0102, possibly with strptime's leniencies. */
function formatDate(r: Rand, t: number, format?: 'T' | 'sec' | 'min' | 'date'): string {
  const d = new Date(t * 1000);
  const f = format ?? pick(r, ['T', 'sec', 'min', 'date'] as const);
  const lenient = chance(r, 0.25);
  const num = (n: number) => (lenient && chance(r, 0.5) ? String(n) : pad(n));
  const date = `${pad(d.getUTCFullYear(), 4)}-${num(d.getUTCMonth() + 1)}-${lenient && d.getUTCDate() < 10 && chance(r, 0.3) ? ` ${d.getUTCDate()}` : num(d.getUTCDate())}`;
  const hm = `${num(d.getUTCHours())}:${num(d.getUTCMinutes())}`;
  const sep = lenient ? pick(r, [' ', '  ', '\t', ' \u3000']) : ' ';
  let s: string;
  if (f === 'T') s = `${date}${lenient && chance(r, 0.5) ? 't' : 'T'}${hm}:${num(d.getUTCSeconds())}${lenient && chance(r, 0.5) ? 'z' : 'Z'}`;
  else if (f === 'sec') s = `${date}${sep}${hm}:${num(d.getUTCSeconds())}`;
  else if (f === 'min') s = `${date}${sep}${hm}`;
  else s = date;
  if (chance(r, 0.12)) s = unicodeDigits(r, s);
  return s;
}

// the last two are digits only to a newer Python than the official test's 3.10 (Kawi, Unicode 15; Nag Mundari, 15)
const DIGIT_ZEROS = [0xff10, 0x0660, 0x0966, 0x1d7ce, 0x06f0, 0x11f50, 0x1e4f0];

/** Some ASCII digits replaced by another script's decimal digits (the year only, or at random). */
function unicodeDigits(r: Rand, s: string): string {
  const zero = pick(r, DIGIT_ZEROS);
  const yearOnly = chance(r, 0.6);
  let i = 0;
  return Array.from(s)
    .map((ch) => {
      const pos = i++;
      if (ch < '0' || ch > '9') return ch;
      if (yearOnly ? pos < 4 : chance(r, 0.4)) return String.fromCodePoint(zero + ch.charCodeAt(0) - 48);
      return ch;
    })
    .join('');
}

const BROKEN_DATES = [
  '2025-02-30',
  '2025-13-01',
  '2025-00-10',
  '2025/01/01',
  '01.02.2025',
  '2025-01-01T00:00:00',
  '2025-01-01T00:00:00+00:00',
  ' 2025-01-01',
  '2025-01-01 ',
  '2025-01-01 25:00',
  '2025-01-01 10:60',
  '2025-01-01 10:59:60',
  '2024-12-31T23:59:61Z',
  '0000-01-01',
  '20250101',
  '2025-1-1',
  '2025-01-1',
  '2025-01- 1',
  '2025-01-01\t10:00:00',
  '2025-02-29',
  '2024-02-29',
  'none',
  '',
  'tomorrow',
];

/** A build date in the past, some margin before now. */
function pastTime(r: Rand, now: number): number {
  const ages = [0.2 * DAY, 3 * DAY, 12 * DAY, 26 * DAY, 40 * DAY, 100 * DAY, 200 * DAY, 400 * DAY, 1000 * DAY];
  return now - pick(r, ages) - int(r, 0, DAY);
}

// ---- images -------------------------------------------------------------------------------------------------

function uuid(r: Rand): string {
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function goodImage(r: Rand, kind: Kind, now: number): Raw {
  const build = pastTime(r, now);
  const created = Math.min(now - 60, build + int(r, 0, 2 * DAY));
  const size = int(r, 300, 3000) * 1024 * 1024;
  const img: Raw = {
    id: uuid(r),
    name: kind.name,
    status: 'active',
    visibility: 'public',
    os_hidden: false,
    owner: 'a5f3c6d2b1e04d7f9e8c7b6a5d4c3b2a',
    protected: false,
    created_at: isoZ(created),
    updated_at: isoZ(Math.min(now, created + 600)),
    min_disk: int(r, 4, 20),
    min_ram: pick(r, [512, 1024, 2048]),
    size,
    virtual_size: size * 4,
    disk_format: 'qcow2',
    container_format: 'bare',
    tags: chance(r, 0.5) ? ['managed_by_osism', `os:${kind.distro}`] : [],
    checksum: 'd41d8cd98f00b204e9800998ecf8427e',
    os_hash_algo: 'sha512',
    os_hash_value: 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce',
    architecture: 'x86_64',
    hw_disk_bus: 'scsi',
    hw_scsi_model: 'virtio-scsi',
    hw_rng_model: 'virtio',
    hw_qemu_guest_agent: 'yes',
    hypervisor_type: 'qemu',
    os_distro: kind.distro,
    os_version: kind.version,
    os_purpose: kind.purpose,
    image_build_date: formatDate(r, build),
    image_original_user: kind.user,
    image_source: pick(r, kind.sources),
    image_description: kind.purpose === 'k8snode' ? 'https://github.com/osism/k8s-capi-images' : `https://docs.scs.community/${kind.distro}`,
    replace_frequency: pick(r, ['monthly', 'quarterly', 'weekly', 'yearly', 'never', 'critical_bug']),
    provided_until: pick(r, ['none', 'notice', formatDate(r, now + 300 * DAY, 'date')]),
    uuid_validity: pick(r, ['last-3', 'none', 'forever', 'notice', formatDate(r, now + 100 * DAY, 'date')]),
  };
  if (chance(r, 0.4)) img['hotfix_hours'] = pick(r, ['0', '24', '72']);
  if (chance(r, 0.3)) img['patchlevel'] = '20250101';
  return img;
}

function isoZ(t: number): string {
  return new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The image-manager's keys that openstacksdk maps to attributes; keep them when making an image "property-less". */
const SDK_ATTRS_KEPT = ['architecture', 'hw_disk_bus', 'hw_scsi_model', 'hw_rng_model', 'hw_qemu_guest_agent', 'hypervisor_type', 'os_distro', 'os_version'];
const GLANCE_FIELDS = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'os_hidden',
  'owner',
  'protected',
  'created_at',
  'updated_at',
  'min_disk',
  'min_ram',
  'size',
  'virtual_size',
  'disk_format',
  'container_format',
  'tags',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
]);

const CUSTOM_KEYS = [
  'os_purpose',
  'image_build_date',
  'image_original_user',
  'image_source',
  'image_description',
  'replace_frequency',
  'provided_until',
  'uuid_validity',
  'hotfix_hours',
];
const WEIRD_VALUES: unknown[] = ['', null, 0, 7, true, ' ', 'x'];

type Mutation = (r: Rand, img: Raw, now: number) => void;

const MUTATIONS: Array<[number, Mutation]> = [
  // missing / empty / non-string custom properties and attributes
  [6, (r, img) => delete img[pick(r, [...CUSTOM_KEYS, 'architecture', 'os_distro', 'os_version', 'hw_disk_bus', 'min_ram', 'min_disk'])]],
  [4, (r, img) => (img[pick(r, CUSTOM_KEYS)] = pick(r, WEIRD_VALUES))],
  [1, (r, img) => (img[pick(r, ['os_distro', 'os_version', 'architecture'])] = pick(r, ['', null]))],
  // property-less (openstacksdk: properties None) — with or without the attributes the manager sets
  [
    2,
    (r, img) => {
      const keepAttrs = chance(r, 0.6);
      for (const k of Object.keys(img)) if (!GLANCE_FIELDS.has(k) && !(keepAttrs && SDK_ATTRS_KEPT.includes(k))) delete img[k];
    },
  ],
  // visibility and hidden
  [3, (r, img) => (img['visibility'] = pick(r, ['private', 'shared', 'community', 'community', 'public']))],
  [2, (r, img) => (img['os_hidden'] = chance(r, 0.7))],
  // names: near-misses of the exact names and of the CAPI name schemes, None
  [
    3,
    (r, img) =>
      (img['name'] = pick(r, [
        null,
        'ubuntu 24.04',
        'Ubuntu 24.04 ',
        'Ubuntu  24.04',
        'Ubuntu 24.04.1',
        'Debian 12 old',
        'Debian 12 prev',
        'Debian 12 20250101',
        'Debian 12 2025-01-01',
        'Debian 12 (20250101)',
        'Debian 12 ２０２５0101',
        'Debian 12 Old',
        'ubuntu-capi-image-v1.30',
        'ubuntu-capi-image-v1.30.2-old',
        'my-ubuntu-capi-image-v1.30.2',
        'ubuntu-capi-image-v1',
        'ubuntu-capi-image-v１.30',
        'ubuntu-capi-image v1.31.0',
        'ubuntu-capi-image_v1.30.2',
        'Ubuntu',
      ])),
  ],
  // image_source near-misses
  [
    4,
    (r, img) =>
      (img['image_source'] = pick(r, [
        'https://cloud-images.ubuntu.com/noble',
        'https://cloud-images.ubuntu.com/noblex/x.img',
        'http://cloud-images.ubuntu.com/noble/x.img',
        'HTTPS://cloud-images.ubuntu.com/noble/x.img',
        'https://cloud-images.ubuntu.com/releases/jammy/x.img',
        'https://cloud-images.ubuntu.com/releases/noble/x.img',
        'https://cloud.debian.org/images/cloud/bookworm/x.qcow2',
        'https://cloud.debian.org/images/cloud/trixie/x.qcow2',
        'https://cdimage.debian.org/cdimage/cloud/bullseye/x.qcow2',
        'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/x',
        'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images',
        'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kubeX',
        ' https://cloud-images.ubuntu.com/noble/x.img',
        'private',
        'Private',
        'file:ubuntu.img',
        'ftp://mirror/x.img',
        'ftps://mirror/x.img',
        'httpsX',
        'httpx',
        's3://bucket/x',
        '://',
      ])),
  ],
  // build dates: every format, leniencies, Unicode digits, broken, after upload, in the future
  [
    5,
    (r, img, now) => {
      const v = chance(r, 0.4) ? pick(r, BROKEN_DATES) : formatDate(r, chance(r, 0.15) ? now + int(r, 1, 30) * DAY : pastTime(r, now));
      img['image_build_date'] = v;
      if (chance(r, 0.2)) img['created_at'] = isoZ(pastTime(r, now) - 1000 * DAY);
    },
  ],
  // min_disk / size / min_ram
  [
    3,
    (r, img) => {
      const which = int(r, 0, 6);
      if (which === 0) img['min_disk'] = 0;
      else if (which === 1) img['size'] = null;
      else if (which === 2) {
        img['min_disk'] = 1;
        img['size'] = 2 * 1024 ** 3;
      } else if (which === 3) {
        img['min_disk'] = 2;
        img['size'] = 2 * 1024 ** 3;
      } else if (which === 4) delete img['size'];
      else if (which === 5) img['min_ram'] = pick(r, [0, 32, 63, 64]);
      else {
        img['size'] = null;
        img['min_disk'] = 0;
      }
    },
  ],
  // attribute values
  [3, (r, img) => (img['architecture'] = pick(r, ['amd64', 'X86_64', 'aarch64', 'risc-v', 'arm64', 'x86_64 ']))],
  [2, (r, img) => (img['hw_disk_bus'] = pick(r, ['ide', 'virtio', 'sata', 'SCSI']))],
  [2, (r, img) => (img['hypervisor_type'] = pick(r, ['kvm', 'hyperv', 'hyper-v', 'vmware', 'esxi', 'xen']))],
  [1, (r, img) => (img['hw_rng_model'] = pick(r, ['none', 'virtio', 'random']))],
  [1, (r, img) => (img['os_hash_algo'] = pick(r, ['sha256', 'md5', 'SHA512']))],
  [2, (r, img) => (img['os_purpose'] = pick(r, ['generic', 'oldgeneric', 'k8snode', 'Generic', 'general', 'custom']))],
  // replace_frequency, provided_until, uuid_validity, hotfix_hours
  [
    3,
    (r, img) => (img['replace_frequency'] = pick(r, ['Monthly', 'hourly', 'daily', 'weekly', 'yearly', 'quarterly', 'never', 'critical_bug', 'critical-bug'])),
  ],
  [
    4,
    (r, img, now) =>
      (img['provided_until'] = pick(r, [
        'none',
        'notice',
        'None',
        'Notice',
        formatDate(r, now - int(r, 1, 300) * DAY),
        formatDate(r, now + int(r, 1, 300) * DAY),
        formatDate(r, now + int(r, -1, 1)),
        unicodeDigits(r, formatDate(r, now + int(r, 1, 300) * DAY, 'date')),
        pick(r, BROKEN_DATES),
      ])),
  ],
  [
    3,
    (r, img, now) =>
      (img['uuid_validity'] = pick(r, [
        'last-3',
        'last-0',
        'last-',
        'last-x',
        'last-٣',
        'last-3 ',
        'Last-3',
        'none',
        'notice',
        'forever',
        'Forever',
        formatDate(r, now + 100 * DAY, 'date'),
        unicodeDigits(r, formatDate(r, now + 100 * DAY, 'date')),
        formatDate(r, now + 100 * DAY, 'T'),
        pick(r, BROKEN_DATES),
        'garbage',
      ])),
  ],
  // uuid_validity edge values: numbers, signs, the epoch (parse_date's 0 reads as "no date"), digits of a newer Unicode
  [
    2,
    (r, img) =>
      (img['uuid_validity'] = pick(r, [
        0,
        -1,
        3,
        null,
        '',
        '-1',
        'last--1',
        'last-+3',
        'last-0',
        'last-03',
        'last-3.0',
        'last-\u{1e4f3}',
        'last-\u{11f53}',
        'last-𝟑',
        'forever ',
        'notice',
        '1970-01-01',
        '1970-01-01 00:00',
        '1970-01-01T00:00:00Z',
        '1970-01-01 00:00:01',
        '1969-12-31',
        '\u{11f52}\u{11f50}\u{11f52}\u{11f56}-12-01',
      ])),
  ],
  [2, (r, img) => (img['hotfix_hours'] = pick(r, ['24', '', '٢٤', '1.5', '-1', '24h', 24, 0, '0', ' 24']))],
  // hotfix_hours edge values: falsy non-strings pass untested, other non-strings raise, digits the official Python lacks
  [
    2,
    (r, img) =>
      (img['hotfix_hours'] = pick(r, [false, null, 0, 1.5, -1, true, '²', '\u{11f52}\u{11f54}', '\u{1e4f2}', '１２', '24.0', '1e3', '+24', 'forever', '0x18'])),
  ],
  // recency at the second boundary: built exactly 1.1 periods (±1 s) before now, no grace left
  [
    2,
    (r, img, now) => {
      const freq = pick(r, Object.keys(FREQ_SECONDS));
      img['replace_frequency'] = freq;
      img['image_build_date'] = formatDate(r, now - Math.round(1.1 * FREQ_SECONDS[freq]!) + int(r, -1, 1), pick(r, ['T', 'sec'] as const));
      img['provided_until'] = pick(r, ['none', formatDate(r, now + 10 * DAY, 'date'), formatDate(r, now - 10 * DAY, 'date')]);
    },
  ],
  // outdated: an old build date with a real replace frequency
  [
    3,
    (r, img, now) => {
      img['image_build_date'] = formatDate(r, now - int(r, 40, 900) * DAY);
      img['replace_frequency'] = pick(r, ['weekly', 'monthly', 'quarterly', 'yearly', 'daily']);
      if (chance(r, 0.3)) delete img['provided_until'];
      else
        img['provided_until'] = pick(r, [
          'none',
          'notice',
          formatDate(r, now + int(r, 1, 100) * DAY, 'date'),
          formatDate(r, now - int(r, 1, 100) * DAY, 'date'),
          'soon',
        ]);
      if (chance(r, 0.3)) delete img['image_build_date'];
    },
  ],
];
const TOTAL_WEIGHT = MUTATIONS.reduce((s, [w]) => s + w, 0);

function mutate(r: Rand, img: Raw, now: number): void {
  let x = r() * TOTAL_WEIGHT;
  for (const [w, m] of MUTATIONS) {
    x -= w;
    if (x < 0) return m(r, img, now);
  }
}

/** A rotated copy of an image: renamed as the image manager or an operator would, outdated, maybe hidden. */
function rotated(r: Rand, base: Raw, now: number): Raw {
  const old: Raw = { ...base, id: uuid(r) };
  const name = typeof base['name'] === 'string' ? base['name'] : 'Ubuntu 24.04';
  old['name'] = pick(r, [`${name} old`, `${name} prev`, `${name} 20250101`, `${name} 2025-01-01`, `${name} (20250101)`, name, `${name} last`]);
  old['image_build_date'] = formatDate(r, now - int(r, 60, 700) * DAY, 'date');
  old['replace_frequency'] = pick(r, ['monthly', 'quarterly', 'weekly']);
  old['provided_until'] = pick(r, ['none', 'notice', formatDate(r, now + 30 * DAY, 'date'), formatDate(r, now - 30 * DAY, 'date')]);
  if (chance(r, 0.15)) delete old['provided_until'];
  if (chance(r, 0.3)) old['os_hidden'] = true;
  if (chance(r, 0.3)) old['os_purpose'] = 'oldgeneric';
  if (chance(r, 0.2)) old['visibility'] = 'community';
  return old;
}

/**
 * Two uploads under one name, one outdated and one current, in either order: the official test keys images by name
 * (the last listed) and never looks an image's own name up as its replacement, so this is where a tool that looks
 * up "any current image of the name" passes what the official test fails. Names without a space are the case.
 */
function reupload(r: Rand, base: Raw, now: number): Raw[] {
  const name = pick(r, [base['name'], 'ubuntu-capi-image-v1.30.2', 'Ubuntu', 'Debian-12', 'Ubuntu 24.04', 'Ubuntu 24.04 old']);
  const current: Raw = { ...base, id: uuid(r), name, image_build_date: formatDate(r, now - int(r, 1, 5) * DAY, 'date'), provided_until: 'none' };
  const outdated: Raw = {
    ...base,
    id: uuid(r),
    name,
    image_build_date: formatDate(r, now - int(r, 60, 400) * DAY, 'date'),
    replace_frequency: pick(r, ['weekly', 'monthly', 'quarterly']),
    provided_until: formatDate(r, now + int(r, 10, 300) * DAY, 'date'),
    created_at: isoZ(now - int(r, 400, 500) * DAY),
  };
  current['replace_frequency'] = pick(r, ['weekly', 'monthly', 'never']);
  return chance(r, 0.5) ? [outdated, current] : [current, outdated];
}

/** A public generic image and a property-less one of the same name (with or without os_distro / os_version). */
function withBareTwin(r: Rand, base: Raw): Raw {
  const bare: Raw = {};
  for (const k of Object.keys(base)) if (GLANCE_FIELDS.has(k)) bare[k] = base[k];
  bare['id'] = uuid(r);
  bare['visibility'] = 'public';
  bare['os_hidden'] = false;
  for (const k of pick(r, [[], ['architecture'], ['os_distro'], ['os_version'], ['os_distro', 'os_version'], ['architecture', 'os_distro', 'os_version']])) {
    if (base[k] !== undefined) bare[k] = base[k];
  }
  return bare;
}

/** One image listing of 0-8 images, in listed order. */
export function generateImageSet(r: Rand, now: number): Raw[] {
  const n = int(r, 0, 8);
  const images: Raw[] = [];
  while (images.length < n) {
    const roll = r();
    if (images.length > 0 && roll < 0.04) {
      images.push(...reupload(r, pick(r, images), now));
    } else if (images.length > 0 && roll < 0.07) {
      images.push(withBareTwin(r, pick(r, images)));
    } else if (images.length > 0 && roll < 0.12) {
      // a duplicate by name: another upload of the same image, maybe differing
      const dup: Raw = { ...pick(r, images), id: uuid(r) };
      if (chance(r, 0.7)) mutate(r, dup, now);
      images.push(dup);
    } else if (images.length > 0 && roll < 0.25) {
      images.push(rotated(r, pick(r, images), now));
    } else {
      const img = goodImage(r, pick(r, KINDS), now);
      const mutations = pick(r, [0, 0, 1, 1, 1, 2, 2, 3]);
      for (let i = 0; i < mutations; i++) mutate(r, img, now);
      images.push(img);
    }
  }
  return images;
}
