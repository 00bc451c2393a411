import { printable } from './common.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for element text and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Untrusted text as HTML: invisible controls and bidi overrides shown escaped, then markup escaped. */
export function htmlText(s: string): string {
  return escapeHtml(printable(s));
}

/**
 * JSON inside <script>: `<`, `>` and `&` as \u escapes (valid JSON, and no `</script` or `<!--`
 * can end or confuse the element); U+2028/U+2029, C1 controls and bidi controls too, so the
 * source of the page shows no invisible characters either.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
