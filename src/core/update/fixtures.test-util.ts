// Test helpers: the recorded upstream documents (test/fixtures/upstream) and the project's copies
// of OIM's definition files (src/core/definitions/testdata).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function upstreamFixture(rel: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../test/fixtures/upstream/${rel}`, import.meta.url)), 'utf8');
}

export function definitionFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../definitions/testdata/${name}`, import.meta.url)), 'utf8');
}

export const DEFINITION_FILES = ['almalinux.yml', 'centos.yml', 'debian.yml', 'rockylinux.yml', 'ubuntu.yml'] as const;
