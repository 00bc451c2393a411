/**
 * The auditor's inventory: every image the listing returned, what the standards read of it, which
 * testcases looked at it, and why an image no testcase looked at was left out. A report that only
 * counts ("12 listed, 9 considered") makes the reader trust the tool about the other 3.
 */
import type { Image } from '../images/image.js';
import type { TestcaseResult } from './result.js';
import type { ImageSelection } from './select-images.js';

/** The properties scs-0102 and scs-0104 read (the rest of an image's properties stay out of the report). */
const INVENTORY_PROPERTIES = [
  'architecture',
  'os_distro',
  'os_version',
  'os_purpose',
  'hw_disk_bus',
  'hypervisor_type',
  'hw_rng_model',
  'image_source',
  'image_description',
  'image_build_date',
  'image_original_user',
  'replace_frequency',
  'provided_until',
  'uuid_validity',
  'hotfix_hours',
  'os_hash_algo',
] as const;

export interface InventoryEntry {
  id: string;
  name: string;
  status: string;
  visibility: string;
  hidden: boolean;
  owner?: string;
  minDisk?: number;
  minRam?: number;
  /** Those of INVENTORY_PROPERTIES the image has, as text. */
  properties: Record<string, string>;
  /** Ids of the testcases that looked at the image, in report order. */
  testcases: string[];
  /** Why no testcase looked at it: left out by the selection, or matched by none. */
  excluded?: string;
}

export function buildInventory(
  listed: readonly Image[],
  considered: readonly Image[],
  selection: ImageSelection,
  testcases: readonly TestcaseResult[],
): InventoryEntry[] {
  const consideredIds = new Set(considered.map((i) => i.id));
  const testcasesOf = new Map<string, string[]>();
  for (const tc of testcases) {
    const ids = new Set([...tc.images.map((i) => i.id), ...tc.findings.flatMap((f) => (f.image ? [f.image.id] : []))]);
    for (const id of ids) testcasesOf.set(id, [...(testcasesOf.get(id) ?? []), tc.id]);
  }
  return listed.map((image) => {
    const entry: InventoryEntry = {
      id: image.id,
      name: image.name,
      status: image.status,
      visibility: image.visibility,
      hidden: image.hidden,
      ...(image.owner !== undefined ? { owner: image.owner } : {}),
      ...(image.minDisk !== undefined ? { minDisk: image.minDisk } : {}),
      ...(image.minRam !== undefined ? { minRam: image.minRam } : {}),
      properties: readProperties(image),
      testcases: testcasesOf.get(image.id) ?? [],
    };
    if (entry.testcases.length === 0) entry.excluded = exclusion(image, consideredIds.has(image.id), selection);
    return entry;
  });
}

function readProperties(image: Image): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of INVENTORY_PROPERTIES) {
    const value = image.properties[key];
    if (value === undefined || value === null) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

function exclusion(image: Image, considered: boolean, selection: ImageSelection): string {
  if (considered) return 'checked by no testcase: its name matches no entry of the spec, and no per-image testcase ran';
  const wanted = selection.visibilities;
  if (!wanted.includes('all') && !wanted.includes(image.visibility))
    return `visibility ${image.visibility} is not checked (checked: ${wanted.join(', ')}; --visibility changes it)`;
  return "hidden (os_hidden): left out as the official test's listing leaves it out (--include-hidden checks it)";
}
