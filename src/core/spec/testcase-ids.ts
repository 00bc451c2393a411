/**
 * SCS testcase ids for spec entries. The official test keys its (hard-coded) specs by label and
 * derives ids from them: `Ubuntu 24.04` → `ubuntu-2404`, `Debian 12` → `debian-12`. The two CAPI
 * naming schemes are told apart by their separator: `capi-1` (space) and `capi-2` (dash).
 */
const KNOWN_SCHEMES: Record<string, string> = {
  'ubuntu-capi-image v[0-9]\\.[0-9]+(\\.[0-9]+)?': 'capi-1',
  'ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?': 'capi-2',
};

export function testcaseSlug(name: string, nameScheme?: string): string {
  if (nameScheme !== undefined) {
    const known = KNOWN_SCHEMES[nameScheme];
    if (known) return known;
  }
  return name
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

export const imageTestcaseId = (slug: string): string => `scs-0104-image-${slug}`;
export const sourceTestcaseId = (slug: string): string => `scs-0104-source-${slug}`;
