/**
 * Swift v1 URL building over the account URL (the catalog's object-store endpoint, e.g.
 * `https://swift.example.org/v1/AUTH_<project>`). Object names may contain `/`: each path segment
 * is encoded, the slashes stay (as python-swiftclient does).
 */
const seg = encodeURIComponent;

export const containerURL = (account: string, container: string): string => `${account}/${seg(container)}`;
export const objectURL = (account: string, container: string, name: string): string =>
  `${containerURL(account, container)}/${name.split('/').map(seg).join('/')}`;
