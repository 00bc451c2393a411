// The shapes shared by the harness, the global setup, the CLI script and the tests.
export type CloudUserName = 'admin' | 'demo' | 'other';
export const CLOUD_USERS: readonly CloudUserName[] = ['admin', 'demo', 'other'];

export interface CloudAccount {
  /** user name = project name */
  name: CloudUserName;
  password: string;
  projectName: string;
  projectId: string;
  userId: string;
  /** role in its project: admin for admin, member for demo/other */
  role: 'admin' | 'member';
  /** entry in clouds.yaml: local-admin, local-demo, local-other */
  cloud: string;
}

/** Plain data (JSON / structured-clone safe): written to cloud.json and passed to tests via inject(). */
export interface LocalCloudInfo {
  dir: string;
  cloudsYaml: string;
  /** http://127.0.0.1:PORT (no /v3) */
  keystoneUrl: string;
  /** keystoneUrl + /v3, as in clouds.yaml */
  authUrl: string;
  /** catalog URL of the image service (no path) */
  glanceUrl: string;
  region: string;
  users: Record<CloudUserName, CloudAccount>;
  projectIds: Record<CloudUserName, string>;
  /** keystonemiddleware's service user (project "service", role admin) */
  serviceUser: { name: string; password: string; projectName: string };
  enabledImportMethods: string[];
  allowedImportHosts: string[];
  glanceWorkers: number;
  pids: { keystone: number; glance: number };
  logs: { keystone: string[]; glance: string[] };
  startMs: number;
}

export interface LocalCloud extends LocalCloudInfo {
  /** Project-scoped token for the user, cached until 5 min before it expires. */
  tokenFor(user: CloudUserName): Promise<string>;
  /** Stop the services (only if still ours); purge deletes the directory. */
  stop(opts?: { purge?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Must be empty or absent; default: a new dir under os.tmpdir(). */
  dir?: string;
  keystonePort?: number;
  glancePort?: number;
  /** 0 (default) = one glance process; N = N forked workers (faster bulk creates, 3x memory). */
  glanceWorkers?: number;
  startTimeoutMs?: number;
  /** web-download import filter; default ['127.0.0.1', 'localhost']. */
  allowedImportHosts?: string[];
  /** default glance-direct, web-download, copy-image */
  enabledImportMethods?: string[];
  /** Kill the services when this Node process exits (default true; false for the CLI `start`). */
  killOnExit?: boolean;
  /** Progress lines to stderr (default true). */
  verbose?: boolean;
}
