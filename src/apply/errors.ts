/** A change that could not be applied; the message says what happened and what was cleaned up. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError';
}
