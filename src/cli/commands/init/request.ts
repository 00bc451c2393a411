/**
 * `scs-images init` options as given on the command line → a checked request. Bad values are
 * InputErrors naming the option (exit 2 with `error: --base-url: …`).
 */
import { isIsoDate } from '../../../core/releases/calendar.js';
import { InputError } from '../../../core/errors.js';
import {
  CAPI_VERSION_RE,
  DEFAULT_CAPI_VERSION,
  FAMILIES,
  checkBaseUrl,
  parseDistroRequest,
  type DistroRequest,
  type Family,
} from '../../../core/init/index.js';
import type { InitRequest } from '../../../usecases/init/init-definitions.js';

export const INIT_STANDARDS = ['scs-0104-v1', 'scs-0104-v2'] as const;

export interface RawInitOptions {
  spec?: string;
  standard?: string[];
  out?: string;
  all?: boolean;
  force?: boolean;
  dryRun?: boolean;
  date?: string;
  versionDate?: string;
  capiVersion?: string[];
  baseUrl?: string[];
  distro?: string[];
}

const bad = (option: string, problem: string) => new InputError({ file: option }, problem);

function day(value: string | undefined, option: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!isIsoDate(value)) throw bad(option, `'${value}' is not a calendar day written YYYY-MM-DD`);
  return value;
}

export function parseInitOptions(raw: RawInitOptions, today: string): InitRequest {
  const standards = raw.standard ?? [];
  const unknown = standards.filter((s) => !(INIT_STANDARDS as readonly string[]).includes(s));
  if (unknown.length > 0) throw bad('--standard', `unknown standard ${unknown.join(', ')}; init knows ${INIT_STANDARDS.join(', ')}`);
  const v2 = standards.includes('scs-0104-v2');
  const distros: DistroRequest[] = [];
  for (const item of raw.distro ?? []) {
    const parsed = parseDistroRequest(item);
    if ('problem' in parsed) throw bad('--distro', parsed.problem);
    if (!distros.some((d) => d.family === parsed.family && d.version === parsed.version)) distros.push(parsed);
  }
  // the v1 spec unless only the v2 draft or only named releases were asked for
  const v1 = raw.spec !== undefined || standards.includes('scs-0104-v1') || (!v2 && distros.length === 0);
  if (!raw.dryRun && !raw.out) throw bad('--out', 'required: the directory to write the definitions to (or --dry-run to print them)');

  const date = day(raw.date, '--date', today);
  const versionDate = day(raw.versionDate, '--version-date', date);
  const capiVersions = raw.capiVersion?.length ? [...new Set(raw.capiVersion)] : [DEFAULT_CAPI_VERSION];
  for (const v of capiVersions) {
    if (!CAPI_VERSION_RE.test(v)) throw bad('--capi-version', `'${v}' is not a Kubernetes version like v1.35.5 (or v1.35 for the newest patch)`);
  }
  const baseUrls: Partial<Record<Family, string>> = {};
  for (const item of raw.baseUrl ?? []) {
    const eq = item.indexOf('=');
    const family = item.slice(0, Math.max(eq, 0));
    if (eq < 0 || !(FAMILIES as readonly string[]).includes(family)) {
      throw bad('--base-url', `'${item}': expected FAMILY=URL with FAMILY one of ${FAMILIES.join(', ')}`);
    }
    const url = item.slice(eq + 1);
    const problem = checkBaseUrl(url);
    if (problem) throw bad('--base-url', problem);
    baseUrls[family as Family] = url;
  }

  return {
    spec: v1 ? (raw.spec ?? '') : undefined,
    v2,
    distros,
    out: raw.out,
    includeOptional: raw.all ?? false,
    force: raw.force ?? false,
    dryRun: raw.dryRun ?? false,
    date,
    options: { versionDate, datedBuild: raw.versionDate !== undefined, capiVersions, baseUrls },
  };
}
