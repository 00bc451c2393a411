/** Keystone version document URL (pure). The root is the identity endpoint without /v3. */
export const versionURL = (root: string): string => `${root}/v3`;
