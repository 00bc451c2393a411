/** Builders for planner tests: definitions and cloud images with sensible defaults. */
import type { ImageDefinition, VersionDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { desiredVersions } from './desired.js';

export const PROJECT = 'p-own';
export const TAG = 'managed_by_osism';
export const NOW = new Date('2026-03-01T12:00:00Z');

export function version(label: string, over: Partial<VersionDefinition> = {}): VersionDefinition {
  return {
    version: label,
    url: `https://cloud-images.example.org/img/${label}/disk.qcow2`,
    buildDate: '2026-01-01',
    checksum: { algorithm: 'sha256', hex: 'a'.repeat(64) },
    location: { file: '/defs/test.yml' },
    ...over,
  };
}

export function definition(name: string, labels: string[], over: Partial<ImageDefinition> = {}): ImageDefinition {
  return {
    name,
    enable: true,
    format: 'qcow2',
    login: 'ubuntu',
    minDisk: 8,
    minRam: 512,
    multi: true,
    separator: ' ',
    status: 'active',
    tags: [],
    visibility: 'public',
    meta: {
      architecture: 'x86_64',
      hw_disk_bus: 'scsi',
      os_distro: 'ubuntu',
      os_version: '24.04',
      os_purpose: 'generic',
      replace_frequency: 'weekly',
      uuid_validity: 'last-3',
      provided_until: 'none',
    },
    versions: labels.map((l) => version(l)),
    location: { file: '/defs/test.yml' },
    ...over,
  };
}

let counter = 0;
export function cloudImage(name: string, over: Partial<Image> = {}): Image {
  counter++;
  return {
    id: `img-${String(counter).padStart(6, '0')}`,
    name,
    status: 'active',
    visibility: 'public',
    hidden: false,
    owner: PROJECT,
    createdAt: '2026-01-02T00:00:00Z',
    minDisk: 8,
    minRam: 512,
    size: 1024,
    tags: [TAG],
    properties: {},
    ...over,
  };
}

/** The image exactly as a finished apply leaves a defined version (optionally superseded). */
export function syncedImage(def: ImageDefinition, label: string, over: Partial<Image> = {}): Image {
  const d = desiredVersions(def, TAG).find((x) => x.label === label);
  if (!d) throw new Error(`no version ${label}`);
  const superseded = def.multi && !d.newest;
  const properties: Record<string, unknown> = { ...d.properties };
  if (superseded && properties['os_purpose'] === 'generic') properties['os_purpose'] = 'oldgeneric';
  return cloudImage(superseded ? d.versionedName : d.name, {
    visibility: d.visibility,
    hidden: superseded,
    minDisk: d.minDisk,
    minRam: d.minRam,
    tags: [...d.tags],
    properties,
    ...over,
  });
}
