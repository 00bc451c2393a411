// A valid definition file as text, and edits of it by line: the shared input of the parser's tests.
import type { InputError } from '../errors.js';
import { InputErrors } from '../errors.js';
import { parseDefinitionFile } from './parse-definitions.js';

export const SHA = '7d6355852aeb6dbcd191bcda7cd74f1536cfe5cbf8a10495a7283a8396e4b75b';

/** A valid definition; line numbers matter for the table below (line 1 = `images:`). */
export const BASE = [
  'images:', // 1
  '  - name: Test Image', // 2
  '    enable: true', // 3
  '    format: qcow2', // 4
  '    login: ubuntu', // 5
  '    min_disk: 8', // 6
  '    min_ram: 512', // 7
  '    status: active', // 8
  '    visibility: public', // 9
  '    multi: true', // 10
  '    meta:', // 11
  '      architecture: x86_64', // 12
  '      hw_disk_bus: scsi', // 13
  '      hypervisor_type: qemu', // 14
  '      os_distro: ubuntu', // 15
  "      os_version: '24.04'", // 16
  '      os_purpose: generic', // 17
  '      replace_frequency: weekly', // 18
  '      uuid_validity: last-3', // 19
  '      provided_until: none', // 20
  '    tags: []', // 21
  '    versions:', // 22
  "      - version: '20260108'", // 23
  '        url: https://cloud-images.ubuntu.com/noble/20260108/noble-server-cloudimg-amd64.img', // 24
  `        checksum: sha256:${SHA}`, // 25
  '        build_date: 2026-01-08', // 26
];

/** BASE with lines replaced (1-based; null deletes) and/or lines inserted after a line. */
export function edit(replace: Record<number, string | null> = {}, insertAfter: Record<number, string[]> = {}): string {
  const out: string[] = [];
  BASE.forEach((line, i) => {
    const n = i + 1;
    const r = replace[n];
    if (r === undefined) out.push(line);
    else if (r !== null) out.push(r);
    out.push(...(insertAfter[n] ?? []));
  });
  return `${out.join('\n')}\n`;
}

export function errorsOf(text: string, file = 'defs.yml'): InputError[] {
  try {
    parseDefinitionFile(text, file);
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    throw e;
  }
  throw new Error('expected InputErrors');
}

export const parse = (text: string) => parseDefinitionFile(text, 'defs.yml');
