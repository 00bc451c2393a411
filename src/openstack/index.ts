/** What the library API (src/index.ts) takes from the OpenStack client: its values, and the types a caller may name. */
export { connect } from './client.js';
export type { OpenCloudOptions, ProjectCloud } from './open-cloud.js';
export type { CheckListingOptions } from './image-listings.js';
export type { ConnectOptions, IdentityInfo, OpenStackClient } from './client.js';

export { listClouds, loadCloudConfig } from './config/clouds.js';
export type { CloudConfig, LoadCloudConfigOptions } from './config/types.js';
export type { ConfigFileReader } from './config/files.js';

export { AuthError, LoginError, ConfigError, ConnectionError, HttpError, OpenStackError, TimeoutError } from './errors.js';

export type { ServiceClient, ServiceRequest } from './http/service-client.js';
export type { RequestStatsSnapshot } from './http/stats.js';
export type { HttpEvent, HttpMethod, HttpRequest, HttpResponse, RawBody, RetryPolicy, Transport } from './http/types.js';

export type { TokenProvider, TokenStore } from './auth/session.js';
export type { CatalogEntry, TokenInfo, TokenRequest } from './identity/v3/tokens/types.js';

export { ImageClient } from './image/v2/client.js';
export type * from './image/v2/images/types.js';
export type { UploadOptions } from './image/v2/imagedata/requests.js';
export type { ImageMember, MemberState } from './image/v2/members/types.js';
export type { Domain, Project } from './identity/v3/projects/types.js';
export type { ContainerInfo, CreateContainerOptions } from './objectstorage/v1/containers/types.js';
export type { ObjectInfo, PutObjectOptions, SloSegment } from './objectstorage/v1/objects/types.js';
