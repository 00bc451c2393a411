/**
 * Extract the human reason from an OpenStack error body.
 *
 * Shapes seen on Zed: Glance `{"message": "…<br /><br />\n\n\n", "code": "404 Not Found", "title": "Not Found"}`,
 * Keystone `{"error": {"code": 401, "message": "…", "title": "Unauthorized"}}`. Other services
 * wrap it in one key (`{"itemNotFound": {"message": …}}`) or use `faultstring`; HTML pages
 * (Glance without `Accept: application/json`, proxies) get their tags stripped. The result is one
 * line without control characters (escape sequences shown escaped): it is quoted in messages.
 */
import { printable } from '../../core/text/printable.js';

const MAX_DETAILS = 500;

function clean(text: string): string {
  const stripped = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  const shown = printable(stripped);
  return shown.length > MAX_DETAILS ? `${shown.slice(0, MAX_DETAILS)}…` : shown;
}

function messageOf(obj: unknown): string | undefined {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  for (const key of ['message', 'faultstring', 'detail', 'description']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

export function parseErrorDetails(text: string, body: unknown): string {
  const direct = messageOf(body);
  if (direct) return clean(direct);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    // Keystone's {"error": {...}} and Nova-style {"itemNotFound": {...}}: one wrapper key.
    for (const inner of Object.values(body)) {
      const m = messageOf(inner);
      if (m) return clean(m);
    }
    const title = (body as Record<string, unknown>)['title'];
    if (typeof title === 'string') return clean(title);
  }
  return clean(text);
}
