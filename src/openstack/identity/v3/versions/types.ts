/** Keystone's v3 version document (GET /v3). */
export interface IdentityVersion {
  /** e.g. `v3.14`. */
  id: string;
  status: string;
  /** When this API version was last changed (ISO 8601). */
  updated?: string;
}
