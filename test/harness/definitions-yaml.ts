// Image definitions (OIM format) for tests, written as YAML so they go through the real loader.
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface TestVersion {
  version: string;
  url: string;
  mirror_url?: string;
  checksum?: string;
  build_date?: string;
  [key: string]: unknown;
}

export interface TestDefinition {
  name: string;
  multi?: boolean;
  separator?: string;
  os_distro?: string;
  os_version?: string;
  os_purpose?: string;
  uuid_validity?: string;
  visibility?: string;
  keep?: boolean;
  /** disk_format; default qcow2 */
  format?: string;
  versions: TestVersion[];
}

export function definitionDoc(defs: readonly TestDefinition[]): unknown {
  return {
    images: defs.map((d) => ({
      name: d.name,
      enable: true,
      format: d.format ?? 'qcow2',
      login: 'ubuntu',
      min_disk: 1,
      min_ram: 512,
      status: 'active',
      visibility: d.visibility ?? 'public',
      multi: d.multi ?? true,
      ...(d.separator ? { separator: d.separator } : {}),
      ...(d.keep !== undefined ? { keep: d.keep } : {}),
      meta: {
        architecture: 'x86_64',
        hw_disk_bus: 'scsi',
        hw_rng_model: 'virtio',
        hypervisor_type: 'qemu',
        os_distro: d.os_distro ?? 'ubuntu',
        ...(d.os_version ? { os_version: d.os_version } : {}),
        os_purpose: d.os_purpose ?? 'generic',
        replace_frequency: 'never',
        uuid_validity: d.uuid_validity ?? 'last-3',
        provided_until: 'none',
      },
      tags: [],
      versions: d.versions.map((v) => ({ build_date: '2026-01-01', ...v })),
    })),
  };
}

export async function writeDefinitions(file: string, defs: readonly TestDefinition[]): Promise<string> {
  await writeFile(file, stringify(definitionDoc(defs)));
  return file;
}
