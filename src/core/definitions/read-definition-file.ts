/**
 * Reading one definitions file: the top level, then each image (read-image.ts). Problems go to
 * Findings, so one pass reports all of them.
 */
import { definitionFileSchema } from './definition-schema.js';
import { clip } from './describe-value.js';
import type { Findings } from './findings.js';
import { didYouMean } from './key-suggestions.js';
import { isMapping } from './merge-keys.js';
import { readImage } from './read-image.js';
import type { ImageDefinition } from './types.js';

/** The valid images of the file; the others are reported and left out. */
export function readDefinitionFile(findings: Findings): ImageDefinition[] {
  const top = findings.y.value;
  if (top === null || top === undefined) {
    findings.error([], "empty file: expected a mapping with an 'images' list");
    return [];
  }
  if (!isMapping(top)) {
    findings.error([], "not an image definitions file: expected a mapping with an 'images' list");
    return [];
  }
  for (const key of Object.keys(top)) {
    if (key !== 'images') findings.error([key], `unknown top-level key '${clip(key, 40)}'${didYouMean(key, ['images'])}; only 'images' is allowed`, 'key');
  }
  const file = findings.parse([], definitionFileSchema, { images: top['images'] });
  const images: ImageDefinition[] = [];
  file?.images.forEach((raw, i) => {
    const def = readImage(findings, ['images', i], raw);
    if (def) images.push(def);
  });
  return images;
}
