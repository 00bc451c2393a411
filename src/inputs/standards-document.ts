/**
 * A spec or scope file: bundled, local, or an http(s) URL (a github.com `blob` page is fetched
 * raw). Small documents: the same 4 MiB limit and input rules for every origin.
 */
import { fetchInputDocument } from './fetch-text.js';
import { readTextFile } from './read-file.js';

const MAX_STANDARDS_DOCUMENT_BYTES = 4 * 1024 * 1024;

export function readStandardsDocument(ref: string, opts: { notFound?: string } = {}): Promise<string> {
  if (/^https?:\/\//i.test(ref)) return fetchInputDocument(ref, { maxBytes: MAX_STANDARDS_DOCUMENT_BYTES });
  return readTextFile(ref, { maxBytes: MAX_STANDARDS_DOCUMENT_BYTES, kind: 'a spec or scope file', ...opts });
}
