/** Glance v2 image members: URL building (pure). */
import { imageURL } from '../images/urls.js';

export const membersURL = (root: string, imageId: string): string => `${imageURL(root, imageId)}/members`;
export const memberURL = (root: string, imageId: string, memberId: string): string => `${membersURL(root, imageId)}/${encodeURIComponent(memberId)}`;
