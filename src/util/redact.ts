/**
 * Secret redaction for everything that leaves the client as text: error messages, error fields,
 * debug events.
 *
 * Two layers, because neither alone is enough:
 * - a process-wide registry of secret *values* (passwords, application-credential secrets, tokens)
 *   filled by the auth code the moment it sees them, so a server that echoes a secret back in an
 *   error body still cannot leak it;
 * - pattern rules for secret-bearing *names* (headers, query parameters, JSON keys), which also
 *   cover secrets this process never registered (e.g. a token in a `next` link).
 *
 * The registry is global on purpose: with several clouds in one process (`--all-clouds`) an error
 * from one client must not carry another client's secret either, and redacting too much is harmless.
 */

import { printableLines } from '../core/text/printable.js';

export const REDACTED = '***';

/** Shorter values are not registered: redacting every "ab" in every message would garble output. */
const MIN_SECRET_LENGTH = 4;

const secrets = new Set<string>();

/** Remember a secret value so that every later redaction removes it. */
export function registerSecret(value: unknown): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** Forget every registered value: test files share one process and must not see each other's. */
export function clearRegisteredSecrets(): void {
  secrets.clear();
}

/** Header names whose values are credentials. */
const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'x-service-token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** JSON keys / query parameters that hold secrets (matched case-insensitively, `-`/`_` alike). */
const SECRET_KEY = /(^|[_-])(password|passwd|secret|token|passcode|credential_secret)$|^(token|x-auth-token|x-subject-token|auth_token)$/i;

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

// Textual patterns: "X-Auth-Token: v", "password=v", "\"password\": \"v\"", Fernet tokens (gAAAAA…).
const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/\b(x-auth-token|x-subject-token|x-service-token|authorization)(\s*[:=]\s*)("?)[^\s",}]+/gi, `$1$2$3${REDACTED}`],
  [/("[\w-]*(?:password|passwd|secret|token|passcode)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
  [/([?&;\s][\w-]*(?:password|passwd|secret|token|passcode)=)[^&\s#"']+/gi, `$1${REDACTED}`],
  [/\bgAAAAA[A-Za-z0-9_-]{20,}={0,2}/g, REDACTED],
  // userinfo password in any URL: scheme://user:secret@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${REDACTED}@`],
];

/** Redact known secret values and secret-looking patterns in free text. */
export function redactText(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  for (const [re, repl] of TEXT_PATTERNS) out = out.replace(re, repl);
  return out;
}

/** Redact secret query parameters (and userinfo) of a URL; falls back to text redaction. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url);
  }
  if (parsed.password) parsed.password = REDACTED;
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key)) parsed.searchParams.set(key, REDACTED);
  }
  return redactText(parsed.toString());
}

/** Copy of headers with credential values replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSecretHeader(k) ? REDACTED : redactText(v);
  return out;
}

/** Deep copy of a JSON value with secret-named string values replaced. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redactJson(v);
    }
    return out;
  }
  return typeof value === 'string' ? redactText(value) : value;
}

/**
 * The last line of defence before text leaves the process (messages, traces): redactText, and a
 * URL's whole userinfo, since a user name can be a token too (`https://TOKEN@host`).
 */
export function redactOutput(text: string): string {
  return hideUserinfo(redactText(text));
}

/**
 * Text on its way to a terminal or a log line (error messages, `--debug` traces, serve's log):
 * redactOutput, then every control character except newline shown escaped (core/text/printable.ts),
 * since such text may quote a peer's answer (an error body, a header) that carries escape sequences.
 */
export function safeOutput(text: string): string {
  return printableLines(redactOutput(text));
}

/** `scheme://user:pw@host/…` and `scheme://token@host/…` → `scheme://***@host/…`, also in malformed URLs. */
export function hideUserinfo(text: string): string {
  return text.replace(/\/\/[^/?#\s]*@/g, '//***@');
}

/** The word the SCS tooling writes for a redacted command-line value; reports carry argv. */
const REDACTED_ARG = 'REDACTED';

/** Flags whose next argument is a secret (openstack CLI and openstacksdk spellings). */
const SECRET_FLAG = /^--?(os-)?(password|token|application-credential-secret|secret)$/i;
const SECRET_ARG_KEY = /password|secret|token/i;

/**
 * argv for reports, which are uploaded and archived: the value after a secret flag, `--flag=value`
 * and `KEY=VALUE` with a secret-like key are replaced; every argument is also redactOutput'ed.
 */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let redactNext = false;
  for (const arg of argv) {
    if (redactNext) {
      out.push(REDACTED_ARG);
      redactNext = false;
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0 && SECRET_ARG_KEY.test(arg.slice(0, eq))) {
      out.push(`${arg.slice(0, eq)}=${REDACTED_ARG}`);
    } else {
      redactNext = SECRET_FLAG.test(arg);
      out.push(redactOutput(arg));
    }
  }
  return out;
}
