/**
 * The one sanitizer for text that came from elsewhere (a cloud's image names and error bodies,
 * header values, exception messages quoting them) on its way to a terminal, a log line or a
 * report: control characters, escape sequences and bidi overrides are shown escaped (`\x1b`,
 * `\u202e`), so they cannot move the cursor, recolour, retitle the terminal, forge log lines or
 * reorder text in a web page or CI summary. The result never holds a control character; applying
 * it twice changes nothing more.
 */

/** C0 (newline and tab included), DEL, C1, and the bidi marks and overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, except newline: for multi-line messages of our own whose quoted parts are cleaned. */
const UNPRINTABLE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line: every control character escaped, newline and tab too. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, escaped);
}

/**
 * Several lines (an error message with a hint on a line of its own, a stack trace): newlines kept,
 * every other control character escaped (a carriage return too, which would overwrite a line).
 */
export function printableLines(s: string): string {
  return s.replace(UNPRINTABLE_BUT_NEWLINE, escaped);
}
