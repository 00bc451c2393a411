/** Image members (sharing an image with another project). */

/** A member's answer to a share: only the member project itself may change it (or an admin). */
const MEMBER_STATES = ['pending', 'accepted', 'rejected'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

export interface ImageMember {
  /** The project the image is shared with. */
  memberId: string;
  imageId: string;
  status: MemberState | string;
  createdAt?: string;
  updatedAt?: string;
}
