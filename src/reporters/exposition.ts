/**
 * The Prometheus exposition formats, written from metric families: OpenMetrics 1.0
 * (`application/openmetrics-text`, what Prometheus asks for when it scrapes) and the older text
 * format 0.0.4 (node_exporter's textfile collector, `promtool check metrics`, curl). The two agree
 * on gauges; they differ in how a counter's TYPE line is named (OpenMetrics names the family
 * without `_total`) and in the closing `# EOF`, which the text format reads as a comment.
 *
 * Every label value passes through `labelValue`: values come from clouds (image names) and must
 * neither break a line nor grow a series without bound.
 */

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  /** Without `_total` for a counter (it is added to the samples). */
  name: string;
  type: MetricType;
  help: string;
  /** Prometheus' base unit, when the name ends in it (`seconds`). */
  unit?: 'seconds';
  samples: readonly Sample[];
}

export type ExpositionDialect = 'openmetrics' | 'text';

export const CONTENT_TYPES: Readonly<Record<ExpositionDialect, string>> = {
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
  text: 'text/plain; version=0.0.4; charset=utf-8',
};

/** OpenMetrics when the scraper asks for it (Prometheus does), the text format otherwise. */
export function dialectFor(accept: string | undefined): ExpositionDialect {
  return accept !== undefined && /application\/openmetrics-text/i.test(accept) ? 'openmetrics' : 'text';
}

/** Longest label value written (an image name may be 255 characters; a series name should not). */
export const MAX_LABEL_CHARS = 128;

/**
 * A label value as the exposition formats allow it: control characters (C0, DEL, C1) and lone
 * surrogates dropped, clipped to MAX_LABEL_CHARS code points (a clipped value ends in `…`), then
 * backslash, double quote and newline escaped.
 */
export function labelValue(raw: string): string {
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  const chars = [...clean];
  const clipped = chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…` : clean;
  return clipped.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function sampleLine(name: string, s: Sample): string {
  const entries = Object.entries(s.labels);
  for (const [k] of entries) if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new Error(`invalid label name ${k}`);
  const labels = entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}`;
  return `${name}${labels} ${formatValue(s.value)}`;
}

/** HELP text: one line, backslashes escaped (both formats read `\\` and `\n` there). */
function helpText(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * The exposition of the families, in the order given; a family without samples still says what it
 * is (HELP/TYPE), so a dashboard can tell "none" from "not exported". Two families of one name are
 * a programming error (Prometheus refuses such a scrape), as are invalid names.
 */
export function renderExposition(families: readonly MetricFamily[], dialect: ExpositionDialect): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of families) {
    if (!NAME.test(f.name) || seen.has(f.name)) throw new Error(`invalid or repeated metric family ${f.name}`);
    if (f.unit && !f.name.endsWith(`_${f.unit}`)) throw new Error(`metric ${f.name} must end in its unit ${f.unit}`);
    seen.add(f.name);
    const sampleName = f.type === 'counter' ? `${f.name}_total` : f.name;
    // text 0.0.4 names a counter's metadata like its samples; OpenMetrics names the family
    const metaName = f.type === 'counter' && dialect === 'text' ? sampleName : f.name;
    lines.push(`# HELP ${metaName} ${helpText(f.help)}`, `# TYPE ${metaName} ${f.type}`);
    if (f.unit && dialect === 'openmetrics') lines.push(`# UNIT ${metaName} ${f.unit}`);
    for (const s of f.samples) lines.push(sampleLine(sampleName, s));
  }
  if (dialect === 'openmetrics') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
