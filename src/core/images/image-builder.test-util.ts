import type { Image } from './image.js';

let counter = 0;

/** Test and benchmark helper: an active public image with sensible defaults. */
export function buildImage(overrides: Partial<Image> & { name: string }): Image {
  counter++;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    status: 'active',
    visibility: 'public',
    hidden: false,
    tags: [],
    properties: {},
    ...overrides,
  };
}
