/** ImageClient: the Glance v2 calls bound to one ServiceClient (endpoint + auth + transport). */
import type { Image } from '../../../core/images/image.js';
import type { ServiceClient } from '../../http/service-client.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../../input-limits.js';
import type { RawBody } from '../../http/types.js';
import { downloadImageData, readImageData, stageImageData, uploadImageData } from './imagedata/requests.js';
import * as members from './members/requests.js';
import type { ImageMember, MemberState } from './members/types.js';
import type { UploadOptions } from './imagedata/requests.js';
import { getImportInfo, getStores, importImage } from './imageimport/requests.js';
import * as images from './images/requests.js';
import { getUsage, getVersions } from './info/requests.js';
import type { ApiVersion, Usage } from './info/types.js';
import type { Dated } from '../../http/dated.js';
import type { CreateImageOptions, ImagePatchOp, ImportInfo, ImportMethod, ImportOptions, ListImagesOptions, StoreInfo } from './images/types.js';

export class ImageClient {
  constructor(
    readonly service: ServiceClient,
    /** What one listing may cost (input-limits.ts). */
    readonly limits: InputLimits = DEFAULT_INPUT_LIMITS,
  ) {}

  /** Service root, e.g. `http://127.0.0.1:9292`. */
  get endpoint(): string {
    return this.service.endpoint;
  }

  listImagePages(opts?: ListImagesOptions): AsyncGenerator<Image[], void, undefined> {
    return images.listImagePages(this.service, opts, this.limits);
  }
  listImagePage(opts?: ListImagesOptions): Promise<{ images: Image[]; hasNext: boolean; bytes: number }> {
    return images.listImagePage(this.service, opts);
  }
  listImages(opts?: ListImagesOptions): AsyncGenerator<Image, void, undefined> {
    return images.listImages(this.service, opts, this.limits);
  }
  listAllImages(opts?: ListImagesOptions): Promise<Image[]> {
    return images.listAllImages(this.service, opts, this.limits);
  }
  getImage(id: string): Promise<Image> {
    return images.getImage(this.service, id);
  }
  createImage(opts: CreateImageOptions): Promise<Image> {
    return images.createImage(this.service, opts);
  }
  updateImage(id: string, ops: readonly ImagePatchOp[]): Promise<Image> {
    return images.updateImage(this.service, id, ops);
  }
  deleteImage(id: string, opts?: { ignoreMissing?: boolean }): Promise<boolean> {
    return images.deleteImage(this.service, id, opts);
  }
  deactivateImage(id: string): Promise<void> {
    return images.deactivateImage(this.service, id);
  }
  reactivateImage(id: string): Promise<void> {
    return images.reactivateImage(this.service, id);
  }
  uploadImageData(id: string, body: RawBody, opts?: UploadOptions): Promise<void> {
    return uploadImageData(this.service, id, body, opts);
  }
  stageImageData(id: string, body: RawBody, opts?: UploadOptions): Promise<void> {
    return stageImageData(this.service, id, body, opts);
  }
  downloadImageData(id: string, opts?: { signal?: AbortSignal }): Promise<AsyncIterable<Uint8Array>> {
    return downloadImageData(this.service, id, opts);
  }
  /** The image's bytes into `sink`, slice by slice (valid only during the call); resolves with the byte count. */
  readImageData(id: string, sink: (chunk: Uint8Array) => void, opts?: { signal?: AbortSignal }): Promise<number> {
    return readImageData(this.service, id, sink, opts);
  }
  listMembers(imageId: string): Promise<ImageMember[]> {
    return members.listMembers(this.service, imageId);
  }
  getMember(imageId: string, memberId: string): Promise<ImageMember | undefined> {
    return members.getMember(this.service, imageId, memberId);
  }
  addMember(imageId: string, memberId: string): Promise<ImageMember> {
    return members.addMember(this.service, imageId, memberId);
  }
  updateMember(imageId: string, memberId: string, status: MemberState): Promise<ImageMember> {
    return members.updateMember(this.service, imageId, memberId, status);
  }
  removeMember(imageId: string, memberId: string, opts?: { ignoreMissing?: boolean }): Promise<boolean> {
    return members.removeMember(this.service, imageId, memberId, opts);
  }
  importImage(id: string, method: ImportMethod | 'glance-direct' | 'copy-image', opts?: ImportOptions): Promise<void> {
    return importImage(this.service, id, method, opts);
  }
  getImportInfo(): Promise<ImportInfo> {
    return getImportInfo(this.service);
  }
  getStores(): Promise<StoreInfo[]> {
    return getStores(this.service);
  }
  getVersions(): Promise<Dated<ApiVersion[]>> {
    return getVersions(this.service);
  }
  getUsage(): Promise<Dated<Usage>> {
    return getUsage(this.service);
  }
}
