/** Glance discovery URLs (pure). The root is the service root without a version. */
export const versionsURL = (root: string): string => `${root}/`;
export const usageURL = (root: string): string => `${root}/v2/info/usage`;
