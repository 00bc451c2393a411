/**
 * The image table (OIM's contrib/table.py, extended): one row per definition, or one row per
 * managed cloud image with its version, visibility, hidden flag, age and SCS verdicts. Pure: the
 * clock, the images and the check results come in; reporters/image-table.ts renders.
 */
import type { TestcaseResult } from '../check/result.js';
import type { ImageDefinition } from '../definitions/types.js';
import type { Image } from '../images/image.js';
import { assignImages } from '../plan/match.js';

export interface DefinitionRow {
  name: string;
  enabled: boolean;
  multi: boolean;
  versions: number;
  newest: string;
  /** os_distro os_version, as the definition's meta says. */
  os: string;
  visibility: string;
  login: string;
  /** OIM's table prints it (some images ship with a default password); only when asked for. */
  password?: string;
  file: string;
}

export interface CloudRow {
  name: string;
  id: string;
  /** The definition that claims the image, or '' when none does. */
  definition: string;
  version: string;
  visibility: string;
  hidden: boolean;
  status: string;
  /** Days since image_build_date (else since creation), by the clock given; null when unknown. */
  ageDays: number | null;
  /**
   * `PASS`, `WARN` (recommended testcases only) or `FAIL`, over the scs-0102 testcases run;
   * `not checked` for an image the official test does not see (hidden, private or shared).
   */
  scs: 'PASS' | 'WARN' | 'FAIL' | 'not checked';
  /** Testcases with a finding of this image: `prop-image_source (FAIL)`. */
  findings: string[];
}

export function definitionRows(defs: readonly ImageDefinition[], opts: { passwords?: boolean } = {}): DefinitionRow[] {
  return [...defs]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((d) => ({
      name: d.name,
      enabled: d.enable,
      multi: d.multi,
      versions: d.versions.length,
      newest: d.versions.at(-1)?.version ?? '',
      os: [d.meta['os_distro'], d.meta['os_version']].filter((v) => v !== undefined).join(' '),
      visibility: d.visibility,
      login: d.login ?? '',
      ...(opts.passwords ? { password: d.password ?? '' } : {}),
      file: d.location.file,
    }));
}

const DAY_MS = 86_400_000;

function ageDays(image: Image, now: Date): number | null {
  const built = image.properties['image_build_date'];
  const from = typeof built === 'string' && /^\d{4}-\d{2}-\d{2}/.test(built) ? `${built.slice(0, 10)}T00:00:00Z` : image.createdAt;
  const t = from ? Date.parse(from) : Number.NaN;
  return Number.isNaN(t) ? null : Math.floor((now.getTime() - t) / DAY_MS);
}

const shortId = (id: string): string => id.replace(/^scs-0102-/, '');

export function cloudRows(
  images: readonly Image[],
  defs: readonly ImageDefinition[],
  results: readonly TestcaseResult[],
  now: Date,
  checked: ReadonlySet<string>,
): CloudRow[] {
  const claims = new Map(assignImages(defs, images).claimed.map((c) => [c.image.id, c]));
  return [...images]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((image) => {
      const findings: string[] = [];
      let scs: CloudRow['scs'] = checked.has(image.id) ? 'PASS' : 'not checked';
      for (const r of results) {
        const mine = r.findings.filter((f) => f.image?.id === image.id && f.level !== 'info');
        if (mine.length === 0) continue;
        const fails = r.verdict === 'FAIL' && r.requirement === 'mandatory' && mine.some((f) => f.level === 'error');
        findings.push(`${shortId(r.id)} (${fails ? 'FAIL' : 'WARN'})`);
        if (fails) scs = 'FAIL';
        else if (scs === 'PASS') scs = 'WARN';
      }
      const claim = claims.get(image.id);
      const internal = image.properties['internal_version'];
      return {
        name: image.name,
        id: image.id,
        definition: claim?.definition.name ?? '',
        version: claim?.label ?? (typeof internal === 'string' ? internal : ''),
        visibility: image.visibility,
        hidden: image.hidden,
        status: image.status,
        ageDays: ageDays(image, now),
        scs,
        findings,
      };
    });
}
