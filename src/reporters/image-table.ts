/**
 * The image table of `scs-images list` as text (aligned columns), Markdown (a GFM table, cells
 * escaped with the check report's inline()) or JSON (versioned, the rows as they are). Pure.
 */
import type { CloudRow, DefinitionRow } from '../core/table/image-table.js';
import { printable } from './common.js';
import { inline } from './markdown.js';

const TABLE_FORMATS = ['text', 'markdown', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export type ImageTable = { source: 'definitions'; rows: DefinitionRow[] } | { source: 'cloud'; cloud: string; rows: CloudRow[] };

type Column<R> = [header: string, cell: (row: R) => string];

const DEFINITION_COLUMNS: Column<DefinitionRow>[] = [
  ['Name', (r) => r.name],
  ['Enabled', (r) => (r.enabled ? 'yes' : 'no')],
  ['Versions', (r) => `${r.versions} (newest ${r.newest})`],
  ['OS', (r) => r.os],
  ['Visibility', (r) => r.visibility],
  ['Login user', (r) => r.login],
];
const PASSWORD_COLUMN: Column<DefinitionRow> = ['Password', (r) => r.password ?? ''];

const CLOUD_COLUMNS: Column<CloudRow>[] = [
  ['Name', (r) => r.name],
  ['Version', (r) => r.version],
  ['Visibility', (r) => r.visibility],
  ['Hidden', (r) => (r.hidden ? 'yes' : 'no')],
  ['Status', (r) => r.status],
  ['Age (days)', (r) => (r.ageDays === null ? '?' : String(r.ageDays))],
  ['SCS-0102', (r) => (r.findings.length > 0 ? `${r.scs}: ${r.findings.join(', ')}` : r.scs)],
  ['ID', (r) => r.id],
];

function textTable<R>(columns: Column<R>[], rows: readonly R[]): string {
  const cells = rows.map((r) => columns.map(([, cell]) => printable(cell(r))));
  const widths = columns.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns.map(([h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function markdownTable<R>(columns: Column<R>[], rows: readonly R[]): string {
  const line = (values: string[]) => `| ${values.join(' | ')} |`;
  return [line(columns.map(([h]) => h)), line(columns.map(() => '---')), ...rows.map((r) => line(columns.map(([, cell]) => inline(cell(r)) || ' ')))].join(
    '\n',
  );
}

export function renderImageTable(table: ImageTable, format: TableFormat): string {
  if (format === 'json') return `${JSON.stringify({ formatVersion: '1.0', command: 'list', ...table }, null, 2)}\n`;
  const render = format === 'markdown' ? markdownTable : textTable;
  const withPasswords = table.source === 'definitions' && table.rows.some((r) => r.password !== undefined);
  const body =
    table.source === 'definitions'
      ? render(withPasswords ? [...DEFINITION_COLUMNS, PASSWORD_COLUMN] : DEFINITION_COLUMNS, table.rows)
      : render(CLOUD_COLUMNS, table.rows);
  const empty = table.rows.length === 0 ? `\n${table.source === 'definitions' ? 'No image definitions.' : 'No managed images.'}` : '';
  return `${body}${empty}\n`;
}
