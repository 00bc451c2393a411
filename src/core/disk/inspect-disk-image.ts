/**
 * Looks at the first bytes of a disk image before it is imported or published: what format it
 * really is, and whether it carries constructs that make a hypervisor read other files of the
 * host (Glance's format inspector guards against the same: CVE-2024-32498 and its kin).
 * Pure: bytes in, findings out. 64 KiB of head are enough for every check here.
 */
export const INSPECT_BYTES = 64 * 1024;

export type DetectedFormat = 'qcow2' | 'vmdk' | 'vmdk-descriptor' | 'vhd' | 'vhdx' | 'iso' | 'raw';

export interface DiskInspection {
  format: DetectedFormat;
  /** Why the image must not be imported; empty when it is safe. */
  problems: string[];
}

const ascii = (b: Uint8Array, start: number, len: number): string => String.fromCharCode(...b.subarray(start, start + len));
const u32be = (b: Uint8Array, o: number): number => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
const u64be = (b: Uint8Array, o: number): bigint => (BigInt(u32be(b, o)) << 32n) + BigInt(u32be(b, o + 4));
const u64le = (b: Uint8Array, o: number): bigint => {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) + BigInt(b[o + i] ?? 0);
  return v;
};

/** qcow2 incompatible feature bits this inspector understands (dirty, corrupt, external data, compression type, extended L2). */
const QCOW2_EXTERNAL_DATA = 1n << 2n;
const QCOW2_KNOWN_INCOMPATIBLE = 0b11111n;

export function inspectDiskImage(head: Uint8Array): DiskInspection {
  if (head.length >= 4 && ascii(head, 0, 4) === 'QFI\xfb') return inspectQcow2(head);
  if (head.length >= 4 && ascii(head, 0, 4) === 'KDMV') return inspectSparseVmdk(head);
  if (ascii(head, 0, 21) === '# Disk DescriptorFile') {
    return { format: 'vmdk-descriptor', problems: ['a VMDK descriptor file: its extents are other files, which the hypervisor would read'] };
  }
  if (ascii(head, 0, 8) === 'vhdxfile') return { format: 'vhdx', problems: [] };
  if (ascii(head, 0, 8) === 'conectix') return { format: 'vhd', problems: [] };
  if (head.length > 0x8006 && ascii(head, 0x8001, 5) === 'CD001') return { format: 'iso', problems: [] };
  return { format: 'raw', problems: [] };
}

function inspectQcow2(head: Uint8Array): DiskInspection {
  const problems: string[] = [];
  if (head.length < 104) return { format: 'qcow2', problems: ['qcow2 header is truncated'] };
  const version = u32be(head, 4);
  if (version !== 2 && version !== 3) problems.push(`qcow2 version ${version} is not supported`);
  if (u64be(head, 8) !== 0n) problems.push('qcow2 with a backing file: the hypervisor would read another file of the host');
  if (version === 3) {
    const incompatible = u64be(head, 72);
    if (incompatible & QCOW2_EXTERNAL_DATA) problems.push('qcow2 with an external data file: its data lives in another file of the host');
    const unknown = incompatible & ~QCOW2_KNOWN_INCOMPATIBLE;
    if (unknown !== 0n) problems.push(`qcow2 with unknown incompatible features (0x${unknown.toString(16)})`);
  }
  return { format: 'qcow2', problems };
}

/** Sparse VMDK: only single-extent monolithicSparse/streamOptimized images are self-contained. */
function inspectSparseVmdk(head: Uint8Array): DiskInspection {
  const offset = Number(u64le(head, 28)) * 512;
  const size = Number(u64le(head, 36)) * 512;
  if (offset === 0 || size === 0) return { format: 'vmdk', problems: [] }; // no embedded descriptor (streamOptimized keeps it elsewhere)
  if (offset + size > head.length) return { format: 'vmdk', problems: ['the VMDK descriptor lies beyond the inspected bytes'] };
  const text = ascii(head, offset, size).replace(/\0+$/, '');
  const createType = /createType\s*=\s*"([^"]*)"/.exec(text)?.[1];
  const extents = text.split('\n').filter((l) => /^\s*(RW|RDONLY|NOACCESS)\s+\d+/.test(l));
  const problems: string[] = [];
  if (createType !== 'monolithicSparse' && createType !== 'streamOptimized') {
    problems.push(`VMDK createType '${createType ?? '(none)'}' keeps data in other files; only monolithicSparse and streamOptimized are accepted`);
  }
  if (extents.length > 1) problems.push(`VMDK with ${extents.length} extents: only one, inside the image, is accepted`);
  return { format: 'vmdk', problems };
}

/** The declared `disk_format` must be what the bytes are (a "raw" image that is really qcow2 is the classic attack). */
function formatMismatch(declared: string, inspection: DiskInspection): string | undefined {
  const expected: Record<string, DetectedFormat[]> = {
    raw: ['raw'],
    qcow2: ['qcow2'],
    vmdk: ['vmdk', 'vmdk-descriptor'], // a descriptor is refused for what it is, below
    vhd: ['vhd'],
    vhdx: ['vhdx'],
    iso: ['iso'],
  };
  const allowed = expected[declared];
  if (!allowed) return undefined; // ami/ari/aki/vdi/ploop: not inspected
  if (allowed.includes(inspection.format)) return undefined;
  return `declared disk_format ${declared}, but the image is ${inspection.format}`;
}

/** Every reason to refuse the image, for a declared format. */
export function diskImageProblems(declared: string, head: Uint8Array): string[] {
  const inspection = inspectDiskImage(head);
  const mismatch = formatMismatch(declared, inspection);
  return [...(mismatch ? [mismatch] : []), ...inspection.problems];
}
