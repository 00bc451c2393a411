/** ObjectStorageClient: the Swift v1 calls bound to one ServiceClient (the account URL + auth + transport). */
import type { ServiceClient } from '../../http/service-client.js';
import type { RawBody } from '../../http/types.js';
import { createContainer, getContainer } from './containers/requests.js';
import type { ContainerInfo, CreateContainerOptions } from './containers/types.js';
import { deleteObject, getObject, getSloSegments, putObject, putSloManifest } from './objects/requests.js';
import type { ObjectInfo, PutObjectOptions, SloSegment } from './objects/types.js';
import { objectURL } from './urls.js';

export class ObjectStorageClient {
  constructor(readonly service: ServiceClient) {}

  /** The account URL, e.g. `http://127.0.0.1:8080/v1/AUTH_<project>`. */
  get endpoint(): string {
    return this.service.endpoint;
  }
  /** Where an object is read from (anonymously, when the container's read ACL allows it). */
  objectUrl(container: string, name: string): string {
    return objectURL(this.endpoint, container, name);
  }
  getContainer(name: string): Promise<ContainerInfo | undefined> {
    return getContainer(this.service, name);
  }
  createContainer(name: string, opts?: CreateContainerOptions): Promise<void> {
    return createContainer(this.service, name, opts);
  }
  getObject(container: string, name: string): Promise<ObjectInfo | undefined> {
    return getObject(this.service, container, name);
  }
  putObject(container: string, name: string, body: RawBody, opts?: PutObjectOptions): Promise<string> {
    return putObject(this.service, container, name, body, opts);
  }
  putSloManifest(container: string, name: string, segments: readonly SloSegment[], opts?: Omit<PutObjectOptions, 'contentLength'>): Promise<void> {
    return putSloManifest(this.service, container, name, segments, opts);
  }
  getSloSegments(container: string, name: string): Promise<SloSegment[]> {
    return getSloSegments(this.service, container, name);
  }
  deleteObject(container: string, name: string, opts?: { ignoreMissing?: boolean }): Promise<boolean> {
    return deleteObject(this.service, container, name, opts);
  }
}
