/**
 * `doctor`'s report for people: per cloud, the facts (login, endpoints, Glance, clocks, leases,
 * the plan's needs, the probe) and then the findings, each with the setting or policy to change.
 */
import { durationText } from '../core/doctor/skew.js';
import type { ClockFact, DoctorFacts, DoctorFinding, DoctorReport, DoctorSeverity, DoctorSubject } from '../core/doctor/types.js';
import { printable } from './common.js';

const WORD: Record<DoctorSeverity, string> = { ok: 'OK', info: 'INFO', warning: 'WARN', blocker: 'BLOCK' };
const SGR: Record<DoctorSeverity, string> = { ok: '32', info: '36', warning: '33', blocker: '31' };
const LABEL = 14;

export function renderDoctorText(report: DoctorReport, opts: { color: boolean }): string {
  const out: string[] = [];
  report.subjects.forEach((s, i) => {
    if (i > 0) out.push('', '─'.repeat(60), '');
    out.push(...subject(s, opts.color));
  });
  if (report.subjects.length > 1) {
    const blocked = report.subjects.filter((s) => s.error !== undefined || s.findings.some((f) => f.severity === 'blocker')).length;
    out.push('', field('Clouds', `${report.subjects.length}: ${report.subjects.length - blocked} ready for apply, ${blocked} not`));
  }
  return `${out.join('\n')}\n`;
}

function field(label: string, value: string): string {
  return `${label.padEnd(LABEL)}${printable(value)}`;
}

function subject(s: DoctorSubject, color: boolean): string[] {
  const paint = (sev: DoctorSeverity, text: string): string => (color ? `\x1b[${SGR[sev]}m${text}\x1b[0m` : text);
  const out = [field('Cloud', `${s.cloud}${s.region ? ` (region ${s.region})` : ''}`)];
  if (s.error !== undefined) {
    out.push(field('Error', s.error), field('Result', 'cloud not reachable: nothing examined'));
    return out;
  }
  const f = s.facts as DoctorFacts;
  out.push(...facts(f), '');
  const findings = s.findings.filter((x) => x.severity !== 'ok');
  for (const x of s.findings.filter((y) => y.severity === 'ok')) out.push(line(x, paint));
  for (const x of findings) out.push(line(x, paint));
  if (findings.length === 0) out.push(`${paint('ok', 'OK'.padEnd(6))}nothing found that would stop an apply`);
  const blockers = s.findings.filter((x) => x.severity === 'blocker').length;
  out.push('', field('Result', blockers > 0 ? `${blockers} finding(s) will make apply fail` : 'nothing found that will make apply fail'));
  return out;
}

/** Findings as doctor prints them (`BLOCK message` / `change: fix`), e.g. apply's preflight. */
export function renderFindings(findings: readonly DoctorFinding[], opts: { color: boolean }): string {
  const paint = (sev: DoctorSeverity, text: string): string => (opts.color ? `\x1b[${SGR[sev]}m${text}\x1b[0m` : text);
  return findings.map((x) => `${line(x, paint)}\n`).join('');
}

function line(x: DoctorFinding, paint: (sev: DoctorSeverity, text: string) => string): string {
  const head = `${paint(x.severity, WORD[x.severity].padEnd(6))}${printable(x.message)}`;
  return x.fix ? `${head}\n${' '.repeat(6)}change: ${printable(x.fix)}` : head;
}

function clock(c: ClockFact | undefined): string {
  if (!c) return 'no Date header';
  const dir = c.skewMs >= 0 ? 'ahead of' : 'behind';
  return `${durationText(c.skewMs)} ${dir} the run's clock (±${durationText(c.uncertaintyMs)}; Date: ${c.serverDate})`;
}

function facts(f: DoctorFacts): string[] {
  const out: string[] = [];
  const l = f.login;
  const who = l.user ? `${l.user.name ?? ''} (${l.user.id})` : '(no user)';
  const scope = l.project
    ? `project ${l.project.name ?? ''} (${l.project.id})`
    : l.domain
      ? `domain ${l.domain.name ?? l.domain.id}`
      : l.system
        ? 'system'
        : 'unscoped';
  out.push(field('Login', `${who} at ${l.authUrl ?? '(no Keystone)'}`));
  out.push(field('Token', `${scope}; roles ${l.roles.join(', ') || 'none'}${l.expiresAt ? `; expires ${l.expiresAt}` : ''}`));
  out.push(field('Rights', rights(l.roles)));
  for (const e of f.endpoints) {
    const from = e.source === 'catalog' ? `catalog, ${e.interface ?? '?'} interface${e.region ? `, region ${e.region}` : ''}` : 'clouds.yaml';
    out.push(field(e === f.endpoints[0] ? 'Endpoints' : '', `${e.service} ${e.url} (${from})`));
  }
  for (const t of f.tls) {
    const v = t.error ?? `${t.subject ?? '?'} issued by ${t.issuer ?? '?'}, valid until ${t.validTo ?? '?'}${t.verified ? ', verified' : ', NOT verified'}`;
    out.push(field(t === f.tls[0] ? 'TLS' : '', `${t.service} ${t.host}:${t.port}: ${v}`));
  }
  const g = f.glance;
  out.push(field('Glance', `image API ${g.version ?? '?'} (current; ${g.versions.length} versions listed by GET /)`));
  out.push(field('Import', g.importMethods ? g.importMethods.join(', ') || 'no method' : '?'));
  out.push(
    field(
      'Stores',
      g.stores
        ? g.stores.map((s) => `${s.id}${s.isDefault ? ' (default)' : ''}${s.readOnly ? ' read-only' : ' writable'}`).join(', ')
        : 'one store (no multi-store: GET /v2/info/stores is 404)',
    ),
  );
  const usage = g.usage;
  out.push(
    field(
      'Usage',
      usage === undefined
        ? '?'
        : Object.keys(usage).length === 0
          ? 'no unified limits enforced'
          : Object.entries(usage)
              .map(([k, u]) => `${k} ${u.usage}/${u.limit}`)
              .join(', '),
    ),
  );
  out.push(field('Clock', `Keystone ${clock(f.clocks.keystone)}`));
  out.push(field('', `Glance ${clock(f.clocks.glance)}`));
  if (f.runClockOffsetMs !== 0)
    out.push(field('', `the run's clock is --now, ${durationText(f.runClockOffsetMs)} ${f.runClockOffsetMs > 0 ? 'ahead of' : 'behind'} this machine's`));
  if (f.leases.length === 0) out.push(field('Leases', 'none'));
  for (const l of f.leases) {
    const state = l.gone !== undefined ? `${l.removed ? 'removed' : 'stale'}: ${l.gone}` : `${l.state}, renewed ${l.renewedAt}`;
    out.push(field(l === f.leases[0] ? 'Leases' : '', `${l.id} tag ${l.tag} by ${l.holder} (${state})`));
  }
  if (f.plan) {
    const p = f.plan;
    out.push(
      field(
        'Plan',
        p.error ??
          `${p.imports} import(s), ${Math.ceil(p.bytesKnown / 1048576)} MiB known (${p.sizesUnknown} unknown); visibilities ${p.visibilities.join(', ') || 'unchanged'}`,
      ),
    );
  }
  if (f.probe) {
    for (const s of f.probe.steps) {
      out.push(
        field(s === f.probe.steps[0] ? 'Probe' : '', `${s.step}: ${s.outcome}${s.status ? ` (HTTP ${s.status})` : ''}${s.detail ? `: ${s.detail}` : ''}`),
      );
    }
  }
  return out;
}

/** What the roles allow by Glance's default policy (the API does not say; --probe tries). */
function rights(roles: readonly string[]): string {
  const r = roles.map((x) => x.toLowerCase());
  const can: string[] = [];
  if (r.includes('admin')) can.push('create, change and delete images, make them public or community (admin)');
  else if (r.includes('member') || r.includes('manager')) can.push('create, change and delete own images, make them community or shared; public needs admin');
  else if (r.includes('reader')) can.push('read only');
  else can.push('unknown roles');
  return `${can.join('; ')} (by Glance's default policy; --probe tries it)`;
}
