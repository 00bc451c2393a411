/**
 * What `doctor` learns of a cloud (facts, read-only API answers and, with --probe, what the cloud
 * did when asked) and what it concludes (findings). Facts are data gathered by usecases/doctor.ts;
 * findings are decided here, in core, from the facts alone (rules.ts), so the rules are tested
 * without a cloud.
 */

/** How bad a finding is. `blocker`: apply will fail on this cloud (doctor exits 1). */
export type DoctorSeverity = 'ok' | 'info' | 'warning' | 'blocker';

export interface DoctorFinding {
  /** Stable id, e.g. `import-methods.web-download-missing`. */
  id: string;
  severity: DoctorSeverity;
  /** What was found, as a sentence. */
  message: string;
  /** The setting or policy to change (a file and key, a Keystone limit, a role), when one would help. */
  fix?: string;
}

export interface ClockFact {
  /** The server's clock minus the run's clock, in ms (positive: the server is ahead). */
  skewMs: number;
  /** How far off `skewMs` may be: the Date header's one second plus half the round trip. */
  uncertaintyMs: number;
  /** The Date header as sent. */
  serverDate: string;
}

export interface TlsFact {
  /** The service it belongs to ('identity', 'image'). */
  service: string;
  host: string;
  port: number;
  /** The leaf certificate's subject CN and its validity (ISO 8601); absent when it could not be read. */
  subject?: string;
  issuer?: string;
  validTo?: string;
  validFrom?: string;
  /** Verified against the trusted CAs (the system's, unless clouds.yaml names a cacert). */
  verified?: boolean;
  error?: string;
}

export interface LoginFact {
  authUrl?: string;
  user?: { id: string; name?: string };
  project?: { id: string; name?: string };
  domain?: { id: string; name?: string };
  system: boolean;
  roles: string[];
  expiresAt?: string;
}

export interface EndpointFact {
  service: string;
  url: string;
  /** From the catalog: its interface and region. */
  interface?: string;
  region?: string;
  /** The catalog, or clouds.yaml (auth_url, image_endpoint_override). */
  source: 'catalog' | 'clouds.yaml';
}

export interface GlanceFacts {
  /** CURRENT version of GET / (e.g. v2.16), and every listed one. */
  version?: string;
  versions: string[];
  importMethods?: string[];
  /** Multi-store stores; undefined when GET /v2/info/stores answered 404 (one store). */
  stores?: Array<{ id: string; isDefault: boolean; readOnly: boolean; description?: string }>;
  multiStore: boolean;
  /** GET /v2/info/usage; {} without unified limits. */
  usage?: Record<string, { usage: number; limit: number }>;
  /** What could not be read, by what (`usage: HTTP 404 ...`). */
  errors: Record<string, string>;
}

/** A lease found in the project (src/apply/lease.ts). */
export interface LeaseFact {
  id: string;
  tag: string;
  holder: string;
  host: string;
  pid?: number | undefined;
  state: 'held' | 'deciding';
  renewedAt: string;
  /** Why its holder is provably gone; doctor removed it (removed) or could not. */
  gone?: string;
  removed: boolean;
}

/** What the definitions (`--images`) need of this cloud, from the plan for it. */
export interface PlanNeeds {
  definitions: number;
  imports: number;
  /** Imports from http(s) (web-download when offered) and from local files (glance-direct or upload). */
  urlImports: number;
  fileImports: number;
  /** Bytes of the imports whose size is known (HEAD Content-Length, local file size), and how many are unknown. */
  bytesKnown: number;
  sizesUnknown: number;
  /** The largest single import, in bytes (what glance-direct stages at once per import). */
  largestBytes: number;
  /** Visibilities the finished images get. */
  visibilities: string[];
  /** The plan could not be made: why. */
  error?: string;
}

/** One step of `--probe`. */
export interface ProbeStep {
  step: 'create' | 'stage' | 'import glance-direct' | 'import web-download' | 'upload' | 'set property' | 'publicize' | 'communitize' | 'delete';
  outcome: 'ok' | 'refused' | 'failed' | 'skipped';
  /** Why it was refused or failed (the cloud's answer), or skipped. */
  detail?: string;
  /** The HTTP status of a refusal. */
  status?: number;
}

export interface DoctorFacts {
  cloud: string;
  region?: string;
  login: LoginFact;
  endpoints: EndpointFact[];
  tls: TlsFact[];
  glance: GlanceFacts;
  clocks: { keystone?: ClockFact; glance?: ClockFact };
  /** The run's clock differs from this machine's (`--now`): by this many ms. */
  runClockOffsetMs: number;
  leases: LeaseFact[];
  plan?: PlanNeeds;
  probe?: { image?: string; steps: ProbeStep[]; leftover?: string };
}

/** One cloud's result. */
export interface DoctorSubject {
  cloud: string;
  region?: string;
  facts?: DoctorFacts;
  findings: DoctorFinding[];
  /** The cloud could not be reached (or logged into): no facts. */
  error?: string;
}

export interface DoctorReport {
  formatVersion: '1.0';
  tool: { name: 'scs-images'; version: string };
  /** The run's clock (ISO 8601). */
  checkedAt: string;
  subjects: DoctorSubject[];
}
