import { compileNameScheme, type NameMatcher } from '../../spec/python-regex.js';

/**
 * Official SCS CAPI images in scs-0104 v2.
 *
 * Both schemes are Python regular expressions applied with `re.match`: anchored at the start of
 * the name only, so `ubuntu-capi-image-v1.30.2-old` matches and `my-ubuntu-capi-image-v1.30` does not.
 */

/** Images whose name matches MUST carry the properties below (space or dash before the version). */
export const CAPI_NAME_SCHEME = 'ubuntu-capi-image( |-)v[0-9]\\.[0-9]+(\\.[0-9]+)?';

/** An image whose name matches SHOULD be present: the standard names only the dash form here. */
export const CAPI_PRESENCE_SCHEME = 'ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?';

/**
 * Allowed `image_source` prefixes: the OSISM bucket, and the regiocloud swift container the
 * standard tolerates "for compatibility". The standard tolerates the whole
 * `…/openstack-k8s-capi-images/` container; this covers the two narrower prefixes of the v1 spec
 * (`…/openstack-k8s-capi-images/ubuntu-2404-kube`, `…/ubuntu-2204-kube`).
 */
export const CAPI_SOURCE_PREFIXES: readonly string[] = [
  'https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/',
  'https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/',
];

/** Required exact values (string equality, case-sensitive). */
export const CAPI_OS_PURPOSE = 'k8snode';
export const CAPI_IMAGE_DESCRIPTION = 'https://github.com/osism/k8s-capi-images';

export const CAPI_NAME_MATCHER: NameMatcher = compileNameScheme(CAPI_NAME_SCHEME);
export const CAPI_PRESENCE_MATCHER: NameMatcher = compileNameScheme(CAPI_PRESENCE_SCHEME);
