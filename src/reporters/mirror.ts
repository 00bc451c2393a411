/**
 * `mirror` and `mirror --check` results as text (one line per version, then a summary) and as
 * one JSON document for CI (docs/mirror.md, "Machine-readable results"; minor versions only add fields).
 */
import type { MirrorCheckReport } from '../usecases/mirror-check.js';
import type { MirrorReport } from '../usecases/mirror.js';
import { VERSION } from '../version.js';

const MIRROR_RESULT_FORMAT_VERSION = '1.0';

const pad = (s: string, n: number): string => s.padEnd(n);

export function renderMirrorText(r: MirrorReport, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const acl = r.readAcl?.includes('.r:*') ? 'public read' : 'not public: Glance web-download and anonymous readers get 401/403';
  const created = r.containerCreated ? (r.dryRun ? 'would be created, ' : 'created, ') : '';
  lines.push(`mirror into container ${r.container} of ${r.cloud} (${created}${acl}); read as ${r.baseUrl}/${r.dryRun ? ' (dry run)' : ''}`);
  for (const i of r.items) {
    if (i.outcome === 'skipped' && !opts.verbose && i.message === 'no mirror_url') continue;
    lines.push(
      `${pad(i.outcome, 8)} ${i.definition} ${i.version}${i.object ? ` -> ${i.object}` : ''}: ${i.message}${i.outcome === 'failed' || i.outcome === 'skipped' ? ` (${i.location})` : ''}`,
    );
  }
  const s = r.summary;
  if (r.dryRun)
    lines.push(`mirror (dry run): ${s['would-upload']} to upload, ${s.present} already there, ${s.failed} failed, ${s.skipped} skipped; nothing changed`);
  else lines.push(`mirror: ${s.uploaded} uploaded (${s.bytes} bytes), ${s.present} already there, ${s.failed} failed, ${s.skipped} skipped`);
  return `${lines.join('\n')}\n`;
}

export function mirrorJson(r: MirrorReport): string {
  return `${JSON.stringify({ formatVersion: MIRROR_RESULT_FORMAT_VERSION, command: 'mirror', tool: { name: 'scs-images', version: VERSION }, status: r.ok ? 'ok' : 'failed', ...r }, null, 2)}\n`;
}

export function renderMirrorCheckText(r: MirrorCheckReport): string {
  const lines = r.items.map(
    (i) => `${pad(i.outcome, 11)}${i.definition} ${i.version}: ${i.mirrorUrl}: ${i.message}${i.outcome === 'failed' ? ` (${i.location})` : ''}`,
  );
  const s = r.summary;
  lines.push(`mirror --check: ${s.ok} ok, ${s.unverified} answered without a checksum to compare, ${s.failed} failed`);
  return `${lines.join('\n')}\n`;
}

export function mirrorCheckJson(r: MirrorCheckReport): string {
  return `${JSON.stringify({ formatVersion: MIRROR_RESULT_FORMAT_VERSION, command: 'mirror --check', tool: { name: 'scs-images', version: VERSION }, status: r.ok ? 'ok' : 'failed', ...r }, null, 2)}\n`;
}
