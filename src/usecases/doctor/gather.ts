/**
 * The facts doctor reads of one opened cloud: who the token says we are, which endpoints are used
 * (and their certificates), what Glance advertises (version, import methods, stores, usage and
 * limits), both services' clocks, the leases in the project, and, with definitions, what the plan
 * for this cloud needs. Read-only, except the removal of leases and probe images whose run is
 * provably gone, and `--probe` (probe.ts). Every read that fails is recorded, never thrown: a
 * doctor reports what it could not see.
 */
import { stat } from 'node:fs/promises';
import { sweepLeases } from '../../apply/lease.js';
import { clockSkew } from '../../core/doctor/skew.js';
import type { DoctorFacts, EndpointFact, GlanceFacts, LeaseFact, LoginFact, PlanNeeds, TlsFact } from '../../core/doctor/types.js';
import type { DefinitionSet } from '../../core/definitions/types.js';
import type { ImportChange, OutdatedPolicy, Selection } from '../../core/plan/types.js';
import type { OpenStackClient } from '../../openstack/client.js';
import { loadCloudConfig } from '../../openstack/config/clouds.js';
import { isHttpStatus } from '../../openstack/errors.js';
import { readPeerCertificate } from '../../openstack/http/peer-certificate.js';
import { tlsConnectOptions } from '../../openstack/http/tls.js';
import { mapLimit } from '../../util/map-limit.js';
import { planOn } from '../plan.js';
import { removeProbeLeftovers, runProbe } from './probe.js';

export interface DoctorDefinitions {
  set: DefinitionSet;
  tag: string;
  policy: OutdatedPolicy;
  includeDisabled: boolean;
  selection?: Selection;
}

export interface GatherOptions {
  env: NodeJS.ProcessEnv;
  /** The run's clock (`--now` or the system clock read once). */
  now: Date;
  /** `--now` minus the system clock when the run's clock was read (0 without --now). */
  runClockOffsetMs: number;
  timeoutMs: number;
  insecure: boolean;
  definitions?: DoctorDefinitions | undefined;
  probe?: { url?: string | undefined; signal?: AbortSignal | undefined } | undefined;
  /** Remove leases and probe images whose holder is provably gone (default true). */
  cleanUp: boolean;
  /** Said on stderr: a removed lease or probe image, a probe step. */
  say: (line: string) => void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Who the token says we are: read from the login, no request. */
export function loginFact(client: OpenStackClient): LoginFact {
  const { identity } = client;
  const login: LoginFact = { system: identity.system !== undefined, roles: [...identity.roles] };
  if (identity.authUrl) login.authUrl = identity.authUrl;
  if (identity.user) login.user = { id: identity.user.id, ...(identity.user.name ? { name: identity.user.name } : {}) };
  if (identity.project) login.project = { id: identity.project.id, ...(identity.project.name ? { name: identity.project.name } : {}) };
  if (identity.domain) login.domain = { id: identity.domain.id, ...(identity.domain.name ? { name: identity.domain.name } : {}) };
  if (identity.expiresAt) login.expiresAt = identity.expiresAt.toISOString();
  return login;
}

export async function gatherFacts(client: OpenStackClient, opts: GatherOptions): Promise<DoctorFacts> {
  const { identity } = client;
  const login = loginFact(client);

  const endpoints = endpointFacts(client);
  const glance: GlanceFacts = { versions: [], multiStore: false, errors: {} };
  const clocks: DoctorFacts['clocks'] = {};
  let glanceNow = Number.NaN;

  const [versions, methods, stores, usage, keystone] = await Promise.allSettled([
    client.image.getVersions(),
    client.image.getImportInfo(),
    client.image.getStores(),
    client.image.getUsage(),
    client.identityService ? client.identityService.getVersion() : Promise.reject(new Error('no Keystone (auth_type none or admin_token)')),
  ]);
  if (versions.status === 'fulfilled') {
    glance.versions = versions.value.value.map((v) => v.id);
    const current = versions.value.value.find((v) => v.status === 'CURRENT') ?? versions.value.value[0];
    if (current) glance.version = current.id;
    const c = clockSkew(versions.value, opts.runClockOffsetMs);
    if (c) clocks.glance = c;
    glanceNow = versions.value.serverDate?.getTime() ?? Number.NaN;
  } else glance.errors['versions'] = message(versions.reason);
  if (methods.status === 'fulfilled') glance.importMethods = methods.value.importMethods;
  else glance.errors['import methods'] = message(methods.reason);
  if (stores.status === 'fulfilled') {
    glance.multiStore = true;
    glance.stores = stores.value.map((s) => ({
      id: s.id,
      isDefault: s.isDefault,
      readOnly: s.readOnly === true,
      ...(s.description !== undefined ? { description: s.description } : {}),
    }));
  } else if (!isHttpStatus(stores.reason, 404)) glance.errors['stores'] = message(stores.reason);
  if (usage.status === 'fulfilled') glance.usage = usage.value.value;
  else glance.errors['usage'] = message(usage.reason);
  if (keystone.status === 'fulfilled') {
    const c = clockSkew(keystone.value, opts.runClockOffsetMs);
    if (c) clocks.keystone = c;
  }

  const tls = await tlsFacts(client, endpoints, opts);
  const projectId = identity.project?.id;
  const leases: LeaseFact[] = [];
  if (projectId) {
    try {
      leases.push(
        ...(await sweepLeases(client.image, {
          projectId,
          glanceNow,
          remove: opts.cleanUp,
          onRemoved: (h, why) => opts.say(`removed the lease of ${h.holder}: ${why}`),
        })),
      );
    } catch (e) {
      glance.errors['leases'] = message(e);
    }
    if (opts.cleanUp) {
      try {
        for (const id of await removeProbeLeftovers(client.image, { projectId, now: Number.isFinite(glanceNow) ? glanceNow : Date.now() }))
          opts.say(`removed the probe image ${id} an earlier doctor --probe left behind`);
      } catch (e) {
        glance.errors['probe leftovers'] = message(e);
      }
    }
  }

  const facts: DoctorFacts = {
    cloud: client.cloud,
    ...(client.region ? { region: client.region } : {}),
    login,
    endpoints,
    tls,
    glance,
    clocks,
    runClockOffsetMs: opts.runClockOffsetMs,
    leases,
  };
  if (opts.definitions) facts.plan = await planNeeds(client, projectId, opts);
  if (opts.probe && projectId) {
    const needs = facts.plan;
    opts.say(
      `probe: creating a private, hidden 1 KiB image tagged scs-images-doctor-probe in project ${projectId}, putting data into it, setting a property${
        needs?.visibilities.includes('public') ? ', making it public' : ''
      }${needs?.visibilities.includes('community') ? ', making it community' : ''}, then deleting it`,
    );
    facts.probe = await runProbe(client.image, {
      projectId,
      methods: glance.importMethods ?? [],
      url: opts.probe.url,
      publicize: needs?.visibilities.includes('public') ?? false,
      communitize: needs?.visibilities.includes('community') ?? false,
      signal: opts.probe.signal,
      onStep: opts.say,
    });
  }
  return facts;
}

/** The endpoint of each service in use, and where it came from. */
function endpointFacts(client: OpenStackClient): EndpointFact[] {
  const out: EndpointFact[] = [];
  const root = (url: string): string => url.replace(/\/+$/, '').replace(/\/v\d+(\.\d+)?$/, '');
  if (client.identity.authUrl) out.push({ service: 'identity', url: client.identity.authUrl, source: 'clouds.yaml' });
  const image = client.image.endpoint;
  const match = client.identity.catalog
    .filter((e) => e.type === 'image')
    .flatMap((e) => e.endpoints)
    .find((ep) => root(ep.url) === image);
  out.push({
    service: 'image',
    url: image,
    source: match ? 'catalog' : 'clouds.yaml',
    ...(match ? { interface: match.interface } : {}),
    ...(match?.region ? { region: match.region } : {}),
  });
  return out;
}

async function tlsFacts(client: OpenStackClient, endpoints: readonly EndpointFact[], opts: GatherOptions): Promise<TlsFact[]> {
  const https = endpoints.filter((e) => e.url.startsWith('https:'));
  if (https.length === 0) return [];
  const config = await loadCloudConfig({ cloud: client.cloud, env: opts.env }).catch(() => undefined);
  const tls = await tlsConnectOptions({ ...(config?.cacert ? { cacert: config.cacert } : {}) }).catch(() => undefined);
  const seen = new Set<string>();
  const out: TlsFact[] = [];
  for (const e of https) {
    const u = new URL(e.url);
    const port = Number(u.port || 443);
    const key = `${u.hostname}:${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      const cert = await readPeerCertificate(e.url, { tls, timeoutMs: opts.timeoutMs });
      out.push({
        service: e.service,
        host: u.hostname,
        port,
        verified: cert.verified,
        ...(cert.subject ? { subject: cert.subject } : {}),
        ...(cert.issuer ? { issuer: cert.issuer } : {}),
        ...(cert.validFrom ? { validFrom: cert.validFrom } : {}),
        ...(cert.validTo ? { validTo: cert.validTo } : {}),
      });
    } catch (err) {
      out.push({ service: e.service, host: u.hostname, port, error: message(err) });
    }
  }
  return out;
}

/** What the definitions need of this cloud: the plan's imports, their sizes where known, the visibilities. */
async function planNeeds(client: OpenStackClient, projectId: string | undefined, opts: GatherOptions): Promise<PlanNeeds> {
  const d = opts.definitions as DoctorDefinitions;
  const empty: PlanNeeds = {
    definitions: d.set.images.length,
    imports: 0,
    urlImports: 0,
    fileImports: 0,
    bytesKnown: 0,
    sizesUnknown: 0,
    largestBytes: 0,
    visibilities: [],
  };
  if (!projectId) return { ...empty, error: 'the token has no project scope' };
  try {
    const plan = await planOn(
      { client, projectId },
      {
        definitions: d.set,
        cloud: { cloud: client.cloud, timeoutMs: opts.timeoutMs, insecure: opts.insecure, env: opts.env },
        tag: d.tag,
        policy: d.policy,
        includeDisabled: d.includeDisabled,
        now: opts.now,
        ...(d.selection ? { selection: d.selection } : {}),
      },
    );
    const imports = plan.changes.filter((c): c is ImportChange => c.action === 'create' || c.action === 'resume');
    const sizes = await mapLimit(imports, 4, (c) => sourceSize(c, opts.timeoutMs));
    const known = sizes.filter((s): s is number => s !== undefined);
    const visibilities = new Set<string>();
    for (const c of plan.changes) {
      if ('finalize' in c) visibilities.add(c.finalize.visibility);
      else if (c.action !== 'delete' && c.after.visibility !== undefined && c.after.visibility !== c.before.visibility) visibilities.add(c.after.visibility);
    }
    return {
      ...empty,
      imports: imports.length,
      urlImports: imports.filter((c) => c.source.kind === 'url').length,
      fileImports: imports.filter((c) => c.source.kind === 'file').length,
      bytesKnown: known.reduce((a, b) => a + b, 0),
      sizesUnknown: sizes.length - known.length,
      largestBytes: Math.max(0, ...known),
      visibilities: [...visibilities].sort(),
    };
  } catch (e) {
    return { ...empty, error: message(e) };
  }
}

/** The byte size of an import's source: a local file's, or an http(s) HEAD's Content-Length. */
async function sourceSize(c: ImportChange, timeoutMs: number): Promise<number | undefined> {
  try {
    if (c.source.kind === 'file') return c.source.path ? (await stat(c.source.path)).size : undefined;
    if (!/^https?:/.test(c.source.url)) return undefined;
    const res = await fetch(c.source.url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(Math.min(timeoutMs, 15_000)) });
    const length = Number(res.headers.get('content-length'));
    return res.ok && Number.isFinite(length) && length > 0 ? length : undefined;
  } catch {
    return undefined;
  }
}
