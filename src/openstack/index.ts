/** Public API of the OpenStack client. */
export { connect } from './client.js';
export { openCloud, openProjectCloud, type OpenCloudOptions, type ProjectCloud } from './open-cloud.js';
export { listCheckImages, listManageable, type CheckListingOptions } from './image-listings.js';
export type { ConnectOptions, IdentityInfo, OpenStackClient } from './client.js';

export { listClouds, loadCloudConfig, redactCloudConfig } from './config/clouds.js';
export type { CloudConfig, LoadCloudConfigOptions } from './config/types.js';
export type { ConfigFileReader } from './config/files.js';

export {
  AuthError,
  LoginError,
  BadRequestError,
  ConfigError,
  ConflictError,
  ConnectionError,
  EndpointNotFoundError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  OpenStackError,
  ServerError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
  httpErrorFor,
  isHttpStatus,
} from './errors.js';
export { redactText, redactUrl, registerSecret } from '../util/redact.js';

export { send } from './http/request.js';
export { paginate, resolveNextLink } from './http/paginate.js';
export { createServiceClient, serviceRoot } from './http/service-client.js';
export type { ServiceClient, ServiceRequest } from './http/service-client.js';
export { RequestStats } from './http/stats.js';
export type { RequestStatsSnapshot } from './http/stats.js';
export type { HttpEvent, HttpMethod, HttpRequest, HttpResponse, RawBody, RetryPolicy, Transport } from './http/types.js';

export { AuthSession, memoryTokenStore, staticTokenProvider } from './auth/session.js';
export type { TokenProvider, TokenStore } from './auth/session.js';
export { endpointFor } from './identity/v3/catalog.js';
export { createToken, tokenRequestBody } from './identity/v3/tokens/requests.js';
export { tokenRequestFromAuth } from './identity/v3/tokens/auth-options.js';
export { identityV3Root } from './identity/v3/tokens/urls.js';
export type { CatalogEntry, TokenInfo, TokenRequest } from './identity/v3/tokens/types.js';

export { ImageClient } from './image/v2/client.js';
export * from './image/v2/images/requests.js';
export * from './image/v2/images/patch.js';
export { imageFromGlance, GLANCE_KNOWN_KEYS } from './image/v2/images/results.js';
export { IMAGE_STATUSES, LIST_QUERY_PARAMS, MEMBER_STATUSES } from './image/v2/images/types.js';
export type * from './image/v2/images/types.js';
export { stageImageData, uploadImageData } from './image/v2/imagedata/requests.js';
export type { UploadOptions } from './image/v2/imagedata/requests.js';
export { getImportInfo, getStores, importImage } from './image/v2/imageimport/requests.js';
export { downloadImageData, readImageData } from './image/v2/imagedata/requests.js';
export { addMember, getMember, listMembers, removeMember, updateMember } from './image/v2/members/requests.js';
export { MEMBER_STATES } from './image/v2/members/types.js';
export type { ImageMember, MemberState } from './image/v2/members/types.js';
export { IdentityClient } from './identity/v3/client.js';
export { getProject, listDomains, listProjects } from './identity/v3/projects/requests.js';
export type { Domain, Project } from './identity/v3/projects/types.js';
export { ObjectStorageClient } from './objectstorage/v1/client.js';
export type { ContainerInfo, CreateContainerOptions } from './objectstorage/v1/containers/types.js';
export type { ObjectInfo, PutObjectOptions, SloSegment } from './objectstorage/v1/objects/types.js';
