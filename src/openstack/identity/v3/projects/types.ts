/** Keystone v3 projects and domains (only what sharing needs). */
export interface Project {
  id: string;
  name: string;
  domainId: string;
  enabled: boolean;
}

export interface Domain {
  id: string;
  name: string;
  enabled: boolean;
}
