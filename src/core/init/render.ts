/**
 * Write drafts as one commented YAML file with the `yaml` Document API: comments go on the nodes
 * (image, key, meta key), so the text stays valid YAML however the values are quoted.
 */
import { Document, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { DraftImage } from './types.js';

/** Comment lines are wrapped here; continuation lines are indented. */
const WIDTH = 100;

export function renderFile(headerLines: readonly string[], drafts: readonly Pick<DraftImage, 'image' | 'comments'>[], trailer?: string): string {
  const doc = new Document({ images: drafts.map((d) => d.image) });
  doc.commentBefore = toComment(headerLines.join('\n'));
  const seq = doc.get('images', true);
  if (!isSeq(seq)) throw new Error('internal: images is not a sequence');
  drafts.forEach((draft, i) => {
    const item = seq.items[i];
    if (!isMap(item)) throw new Error('internal: an image is not a mapping');
    for (const [path, text] of Object.entries(draft.comments)) attach(item, path, text);
  });
  // a blank line between images keeps the file readable
  seq.items.forEach((item, i) => {
    if (i > 0) (item as Node).spaceBefore = true;
  });
  if (trailer !== undefined) doc.comment = toComment(trailer);
  return `---\n${doc.toString({ singleQuote: true, lineWidth: 0, indentSeq: true })}`;
}

function attach(image: YAMLMap, path: string, text: string): void {
  if (path === '') {
    image.commentBefore = toComment(text);
    return;
  }
  const parts = path.split('.');
  let node: unknown = image;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (isSeq(node)) {
      node = node.items[Number(part)];
      continue;
    }
    if (!isMap(node)) throw new Error(`internal: no mapping at ${path}`);
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
    if (!pair) throw new Error(`internal: no key ${path} to comment`);
    if (last) {
      (pair.key as Node).commentBefore = toComment(text);
      return;
    }
    node = pair.value;
  }
}

/** `yaml` prefixes every line with `#`; a leading space gives `# text`. */
function toComment(text: string): string {
  return text
    .split('\n')
    .flatMap((line) => wrap(line))
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
}

function wrap(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const out: string[] = [];
  let rest = line;
  while (rest.length > WIDTH) {
    const cut = rest.lastIndexOf(' ', WIDTH);
    if (cut <= indent.length + 2) break; // one long word (a URL): leave it whole
    out.push(rest.slice(0, cut));
    rest = `${indent}  ${rest.slice(cut + 1).trimStart()}`;
  }
  out.push(rest);
  return out;
}
