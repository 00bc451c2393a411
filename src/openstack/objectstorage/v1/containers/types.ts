/** A container as HEAD tells it (camelCase; `X-Container-*` header names stop in requests.ts). */
export interface ContainerInfo {
  name: string;
  objectCount: number;
  bytesUsed: number;
  /** `X-Container-Read` (ACL), when set. */
  readAcl: string | undefined;
}

export interface CreateContainerOptions {
  /** `X-Container-Read`, e.g. `.r:*` so that anyone may GET the objects (a public mirror). */
  readAcl?: string;
}
