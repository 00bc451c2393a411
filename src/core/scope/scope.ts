/**
 * A certificate scope (e.g. SCS-compatible IaaS): testcases, modules (a standard's testcases
 * sorted into targets), versions (which modules they include, with which parameters) and a
 * timeline of version states. Only what image checks need is modelled.
 */
export interface ScopeTestcase {
  id: string;
  description: string;
  url?: string;
}

export interface ScopeModule {
  id: string;
  name: string;
  url?: string;
  /** Declared parameters, e.g. `image_spec`. */
  parameters: Record<string, string>;
  /** Target name (`main`, `recommended`, ...) → testcase ids. */
  targets: Record<string, string[]>;
}

export interface ScopeInclude {
  module: string;
  /** Parameter values set by the version, e.g. `image_spec: https://…/scs-0104-v1-images-v5.yaml`. */
  parameters: Record<string, string>;
}

export interface ScopeVersion {
  version: string;
  stabilizedAt?: string;
  include: ScopeInclude[];
}

export interface Scope {
  name: string;
  uuid: string;
  url: string;
  /** Bundled name, file or URL. */
  source: string;
  testcases: Map<string, ScopeTestcase>;
  modules: Map<string, ScopeModule>;
  versions: ScopeVersion[];
  timeline: Array<{ date: string; versions: Record<string, string> }>;
}
