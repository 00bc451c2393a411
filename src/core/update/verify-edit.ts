/**
 * A second opinion on every in-place edit before anything is written: the new text must still
 * be a valid definitions file, the edited definition must now list the build, and nothing but
 * that definition's `versions` may have changed in value. An edit that fails this is a bug in
 * yaml-edit.ts, reported as EditError instead of being written.
 */
import { parse } from 'yaml';
import { parseDefinitionFile } from '../definitions/parse-definitions.js';
import { InputErrors } from '../errors.js';
import { EditError, type UpstreamBuild } from './types.js';

export function verifyEdit(before: string, after: string, file: string, imageName: string, build: UpstreamBuild): void {
  let images;
  try {
    images = parseDefinitionFile(after, file).images;
  } catch (e) {
    const first = e instanceof InputErrors ? e.errors[0]?.message : (e as Error).message;
    throw new EditError(`the edited file would not validate: ${first}`);
  }
  const def = images.find((d) => d.name === imageName);
  const v = def?.versions.find((x) => x.version === build.version);
  if (!v || v.url !== build.url || v.checksum?.hex !== build.checksum.hex)
    throw new EditError(`internal: the edited file does not list version ${build.version} as written`);
  if (withoutVersions(before, imageName) !== withoutVersions(after, imageName)) throw new EditError('internal: the edit changed more than the versions list');
}

function withoutVersions(text: string, imageName: string): string {
  const data = parse(text, { maxAliasCount: 100 }) as { images?: Array<Record<string, unknown>> };
  const images = (data.images ?? []).map((img) => (img['name'] === imageName ? { ...img, versions: null } : img));
  return JSON.stringify({ ...data, images });
}
