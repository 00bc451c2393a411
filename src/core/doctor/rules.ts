/**
 * The doctor's findings, decided from the facts alone (pure; `now` is the run's clock). Each rule
 * names the setting or policy to change. A `blocker` is a finding that makes apply fail on this
 * cloud (doctor exits 1); everything else informs. Glance's policies are not readable through its
 * API, so what a role may do is read from the default policy and said so; `--probe` tries it.
 */
import { durationText, provenSkewMs } from './skew.js';
import type { DoctorFacts, DoctorFinding, ProbeStep } from './types.js';

/** Roles the official pre-flight refuses for a compliance check (its credentials must be a plain member's). */
import { ELEVATED_ROLES } from '../check/counted-advisories.js';

/** The Glance policy each probe step is decided by (glance/policies/image.py), and its default. */
const STEP_POLICY: Record<ProbeStep['step'], string> = {
  create: 'add_image (default: admin or a member of the project)',
  stage: 'modify_image (staging; default: admin or a member of the project)',
  'import glance-direct': "modify_image, and 'glance-direct' in enabled_import_methods",
  'import web-download': "modify_image, 'web-download' in enabled_import_methods and the URL's host, port and scheme allowed by [import_filtering_opts]",
  upload: 'upload_image (default: admin or a member of the project)',
  'set property': 'modify_image (and no property protection on the key: property_protection_file)',
  publicize: 'publicize_image (default: role:admin)',
  communitize: 'communitize_image (default: admin or a member of the project)',
  delete: 'delete_image (default: admin or a member of the project)',
};

/** Steps apply takes for every import (the rest only when the definitions need them). */
const ALWAYS_NEEDED: ReadonlySet<ProbeStep['step']> = new Set(['create', 'set property', 'delete']);

const SKEW_WARN_MS = 60_000;

export function doctorFindings(f: DoctorFacts, now: Date): DoctorFinding[] {
  return [
    ...loginFindings(f, now),
    ...endpointFindings(f, now),
    ...glanceFindings(f),
    ...clockFindings(f),
    ...leaseFindings(f),
    ...planFindings(f),
    ...probeFindings(f),
  ];
}

function loginFindings(f: DoctorFacts, now: Date): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const { login } = f;
  if (!login.project) {
    out.push({
      id: 'login.no-project-scope',
      severity: 'blocker',
      message: `the token is not scoped to a project (${login.system ? 'system' : login.domain ? `domain ${login.domain.name ?? login.domain.id}` : 'unscoped'}): apply owns and changes images of one project`,
      fix: 'set project_name (with project_domain_name) or project_id in clouds.yaml',
    });
  }
  const roles = login.roles.map((r) => r.toLowerCase());
  const elevated = ELEVATED_ROLES.filter((r) => roles.includes(r));
  if (elevated.length > 0) {
    out.push({
      id: 'login.elevated-role',
      severity: 'warning',
      message: `the token has the role ${elevated.join(' and ')}: check then sees images a plain member would not, and the official SCS pre-flight refuses such credentials`,
      fix: 'check compliance with credentials that have only the member (or reader) role in the project, e.g. an application credential restricted to member',
    });
  }
  if (login.project && !roles.some((r) => r === 'member' || r === 'admin' || r === 'manager')) {
    out.push({
      id: 'login.no-member-role',
      severity: 'blocker',
      message: `the token's roles (${login.roles.join(', ') || 'none'}) do not include member: by Glance's default policy (add_image, modify_image) apply cannot create or change images`,
      fix: "assign the member role in the project (openstack role add --user USER --project PROJECT member), or relax add_image/modify_image in Glance's policy.yaml",
    });
  }
  if (login.expiresAt) {
    const left = Date.parse(login.expiresAt) - now.getTime();
    if (left < 0) {
      out.push({
        id: 'login.token-expired',
        severity: 'warning',
        message: `the token expired ${durationText(left)} before the run's clock (${login.expiresAt}): the run's clock or Keystone's is wrong (see the clock findings)`,
      });
    } else if (left < 15 * 60_000) {
      out.push({
        id: 'login.token-short',
        severity: 'info',
        message: `the token expires in ${durationText(left)}: long imports re-authenticate (which works; a password change meanwhile would not)`,
        fix: '[token] expiration in keystone.conf sets the lifetime',
      });
    }
  }
  return out;
}

function endpointFindings(f: DoctorFacts, now: Date): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const e of f.endpoints) {
    if (e.url.startsWith('http:') && !/^http:\/\/(127\.|localhost|\[::1\])/.test(e.url)) {
      out.push({
        id: `endpoint.${e.service}.plain-http`,
        severity: 'warning',
        message: `the ${e.service} endpoint ${e.url} is plain http: tokens and passwords cross the network unencrypted`,
        fix: `register an https ${e.service} endpoint in the catalog (openstack endpoint create), or set ${e.service === 'image' ? 'image_endpoint_override' : 'auth_url'} to one`,
      });
    }
  }
  for (const t of f.tls) {
    const where = `${t.service} ${t.host}:${t.port}`;
    if (t.error !== undefined) {
      out.push({ id: `tls.${t.service}.unreadable`, severity: 'info', message: `the certificate of ${where} could not be read: ${t.error}` });
      continue;
    }
    if (t.verified === false) {
      out.push({
        id: `tls.${t.service}.unverified`,
        severity: 'warning',
        message: `the certificate of ${where} (${t.subject ?? '?'}, issued by ${t.issuer ?? '?'}) is not trusted by this machine's CAs`,
        fix: 'set cacert in clouds.yaml to the CA that issued it (--insecure only to diagnose)',
      });
    }
    if (t.validTo) {
      const left = Date.parse(t.validTo) - now.getTime();
      if (left < 0) {
        out.push({
          id: `tls.${t.service}.expired`,
          severity: 'blocker',
          message: `the certificate of ${where} expired on ${t.validTo}`,
          fix: 'renew the certificate on the endpoint (the load balancer or the API server)',
        });
      } else if (left < 30 * 86_400_000) {
        out.push({
          id: `tls.${t.service}.expires-soon`,
          severity: 'warning',
          message: `the certificate of ${where} expires in ${durationText(left)} (${t.validTo})`,
          fix: 'renew the certificate on the endpoint',
        });
      }
    }
  }
  return out;
}

function glanceFindings(f: DoctorFacts): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const g = f.glance;
  for (const [what, error] of Object.entries(g.errors)) {
    out.push({ id: `glance.${what}.unreadable`, severity: 'info', message: `Glance's ${what} could not be read: ${error}` });
  }
  const methods = g.importMethods;
  if (methods) {
    if (!methods.includes('web-download')) {
      out.push({
        id: 'import-methods.web-download-missing',
        severity: 'info',
        message: `Glance does not offer web-download (it offers ${methods.join(', ') || 'no import method'}): apply downloads every url version itself and streams it into Glance, through this machine`,
        fix: 'add web-download to enabled_import_methods in glance-api.conf [DEFAULT] (and allow the download hosts in [import_filtering_opts])',
      });
    }
    if (!methods.includes('glance-direct')) {
      out.push({
        id: 'import-methods.glance-direct-missing',
        severity: 'info',
        message:
          'Glance does not offer glance-direct: the streamed fallback is a plain upload (PUT /file), which Glance checks less (no import task, no staging)',
        fix: 'add glance-direct to enabled_import_methods in glance-api.conf [DEFAULT] (it needs os_glance_staging_store)',
      });
    }
  }
  if (g.stores) {
    const writable = g.stores.filter((s) => !s.readOnly);
    const dflt = g.stores.find((s) => s.isDefault);
    if (writable.length === 0 || dflt?.readOnly) {
      out.push({
        id: 'stores.default-read-only',
        severity: 'blocker',
        message: `the default store ${dflt?.id ?? '(none)'} is read-only: no import can store its data`,
        fix: 'set [glance_store] default_backend in glance-api.conf to a writable store of enabled_backends',
      });
    }
  }
  const usage = g.usage;
  if (usage !== undefined && Object.keys(usage).length === 0) {
    out.push({
      id: 'usage.no-limits',
      severity: 'info',
      message: "Glance enforces no Keystone unified limits (GET /v2/info/usage is empty): the project's image storage is not limited by quota",
    });
  }
  for (const [name, u] of Object.entries(usage ?? {})) {
    if (u.limit >= 0 && u.usage >= u.limit) {
      out.push({
        id: `usage.${name}.exhausted`,
        severity: name === 'image_count_uploading' ? 'warning' : 'blocker',
        message: `${name}: ${u.usage} used of a limit of ${u.limit}${name.includes('size') || name.includes('stage') ? ' MiB' : ''}: Glance refuses new ${name.includes('count') ? 'images' : 'data'} (HTTP 413)`,
        fix: `raise the ${name} limit in Keystone unified limits (openstack limit set --resource-limit N --project PROJECT --service glance ${name}), or delete images`,
      });
    }
  }
  return out;
}

function clockFindings(f: DoctorFacts): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const [service, c] of Object.entries(f.clocks)) {
    if (!c) continue;
    const skew = provenSkewMs(c);
    if (Math.abs(skew) <= SKEW_WARN_MS) continue;
    const ahead =
      skew > 0 ? `${service}'s clock is ${durationText(skew)} ahead of the run's` : `the run's clock is ${durationText(skew)} ahead of ${service}'s`;
    const byNow = f.runClockOffsetMs !== 0;
    out.push({
      id: `clock.${service}.skew`,
      severity: 'warning',
      message: `${ahead} (Date: ${c.serverDate}): ${
        byNow
          ? "the run uses --now, so dates are decided for that instant, not for the cloud's present"
          : 'token lifetimes, "build date in the future" and recency are decided against a clock the cloud does not share'
      }`,
      fix: byNow
        ? 'leave out --now to compare with the cloud as it is now'
        : 'synchronise the clocks (NTP: chrony or systemd-timesyncd) on this machine and on the control plane',
    });
  }
  return out;
}

function leaseFindings(f: DoctorFacts): DoctorFinding[] {
  return f.leases.map((l) => {
    if (l.gone !== undefined) {
      return {
        id: 'lease.stale',
        severity: 'info' as const,
        message: `${l.removed ? 'removed the' : 'a'} lease ${l.id} of ${l.holder} (tag ${l.tag}): ${l.gone}`,
      };
    }
    return {
      id: 'lease.held',
      severity: 'warning' as const,
      message: `a lease ${l.id} (tag ${l.tag}, ${l.state}) is held by ${l.holder}, last renewed ${l.renewedAt}: an apply for that tag now waits (--lock-timeout) or stops`,
      fix: 'let that run finish; a lease of a crashed run expires after its lease time, or is removed at once from its own host',
    };
  });
}

function planFindings(f: DoctorFacts): DoctorFinding[] {
  const p = f.plan;
  if (!p) return [];
  if (p.error !== undefined) return [{ id: 'plan.failed', severity: 'blocker', message: `the plan for --images could not be made: ${p.error}` }];
  const out: DoctorFinding[] = [];
  const mib = (b: number): number => Math.ceil(b / 1024 / 1024);
  const sizeNote = p.sizesUnknown > 0 ? ` (${p.sizesUnknown} of ${p.imports} sizes unknown: counted as 0)` : '';
  out.push({
    id: 'plan.summary',
    severity: 'ok',
    message: `the definitions (${p.definitions}) need ${p.imports} import(s) here: ${p.urlImports} from http(s), ${p.fileImports} from local files, ${mib(p.bytesKnown)} MiB${sizeNote}`,
  });
  const methods = f.glance.importMethods;
  if (methods && p.urlImports > 0 && !methods.includes('web-download')) {
    out.push({
      id: 'plan.web-download-unavailable',
      severity: 'info',
      message: `${p.urlImports} url version(s) will be downloaded by this machine and streamed into Glance (${methods.includes('glance-direct') ? 'glance-direct' : 'upload'}): web-download is not offered`,
      fix: 'add web-download to enabled_import_methods in glance-api.conf [DEFAULT]',
    });
  }
  const usage = f.glance.usage ?? {};
  const size = usage['image_size_total'];
  if (size && size.limit >= 0 && size.usage + mib(p.bytesKnown) > size.limit) {
    out.push({
      id: 'plan.image-size-total',
      severity: 'blocker',
      message: `the imports need ${mib(p.bytesKnown)} MiB; image_size_total allows ${size.limit - size.usage} MiB more (${size.usage} of ${size.limit} used)`,
      fix: 'raise image_size_total in Keystone unified limits for the project (openstack limit set / registered limit create), or remove images first',
    });
  }
  const stage = usage['image_stage_total'];
  if (stage && stage.limit >= 0 && mib(p.largestBytes) > stage.limit - stage.usage && (methods?.includes('glance-direct') ?? false)) {
    out.push({
      id: 'plan.image-stage-total',
      severity: 'blocker',
      message: `the largest import (${mib(p.largestBytes)} MiB) does not fit the staging limit image_stage_total (${stage.limit - stage.usage} MiB free): glance-direct would be refused`,
      fix: 'raise image_stage_total in Keystone unified limits for the project',
    });
  }
  const count = usage['image_count_total'];
  if (count && count.limit >= 0 && count.usage + p.imports > count.limit) {
    out.push({
      id: 'plan.image-count-total',
      severity: 'blocker',
      message: `the imports add ${p.imports} image(s); image_count_total allows ${Math.max(0, count.limit - count.usage)} more`,
      fix: 'raise image_count_total in Keystone unified limits for the project, or delete images',
    });
  }
  const roles = f.login.roles.map((r) => r.toLowerCase());
  const probed = new Map((f.probe?.steps ?? []).map((s) => [s.step, s]));
  if (p.visibilities.includes('public') && !roles.includes('admin') && probed.get('publicize')?.outcome !== 'ok') {
    out.push({
      id: 'plan.publicize',
      severity: 'warning',
      message: `the definitions make images public, and the token has no admin role: by Glance's default policy (publicize_image: role:admin) publishing is refused${probed.has('publicize') ? '' : ' (--probe tries it)'}`,
      fix: "run apply as a user with the admin role in the project, or grant publicize_image to the role in Glance's policy.yaml",
    });
  }
  return out;
}

function probeFindings(f: DoctorFacts): DoctorFinding[] {
  const probe = f.probe;
  if (!probe) return [];
  const out: DoctorFinding[] = [];
  const needs = f.plan;
  const needed = (step: ProbeStep['step']): boolean => {
    if (ALWAYS_NEEDED.has(step)) return true;
    if (step === 'publicize') return needs?.visibilities.includes('public') ?? false;
    if (step === 'communitize') return needs?.visibilities.includes('community') ?? false;
    // one working way in is enough: the import steps are weighed together below
    return false;
  };
  for (const s of probe.steps) {
    if (s.outcome === 'ok' || s.outcome === 'skipped') continue;
    out.push({
      id: `probe.${s.step.replace(/ /g, '-')}`,
      severity: needed(s.step) ? 'blocker' : 'warning',
      message: `--probe: ${s.step} was ${s.outcome}${s.status ? ` (HTTP ${s.status})` : ''}: ${s.detail ?? ''}`.trim(),
      fix: `Glance policy ${STEP_POLICY[s.step]}`,
    });
  }
  const ways = probe.steps.filter((s) => s.step === 'import glance-direct' || s.step === 'upload' || s.step === 'import web-download');
  if (ways.length > 0 && !ways.some((s) => s.outcome === 'ok')) {
    out.push({
      id: 'probe.no-way-in',
      severity: 'blocker',
      message: `--probe: no way to put image data into Glance worked (${ways.map((s) => `${s.step}: ${s.outcome}`).join('; ')})`,
      fix: 'enabled_import_methods in glance-api.conf, and the policies modify_image and upload_image',
    });
  }
  if (probe.leftover) {
    out.push({
      id: 'probe.leftover',
      severity: 'warning',
      message: `--probe could not delete its image ${probe.leftover}: delete it by hand (openstack image delete ${probe.leftover})`,
    });
  }
  return out;
}

/** The exit code of a doctor run's findings: 1 when some finding will make apply fail. */
export function hasBlocker(findings: readonly DoctorFinding[]): boolean {
  return findings.some((f) => f.severity === 'blocker');
}
