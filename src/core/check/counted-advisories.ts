/**
 * What a check counted, said where it counted it: advisory findings (never changing a verdict;
 * see advisory.ts) on every testcase that looked at an image the official test would not have
 * looked at in the same way:
 *
 * - a server snapshot (`image_type=snapshot`, or an `instance_uuid` property): the official test
 *   counts every listed image, snapshots too, as this verdict does; the standard means the images
 *   the provider offers;
 * - a community image of another project: listed only with --all-community (Glance's default
 *   listing, which the official test uses, shows only your own);
 * - an image only an elevated role makes visible: with admin or manager credentials Glance lists
 *   other projects' images that a member never sees, and the official pre-flight refuses such
 *   credentials (the token's roles are recorded on the subject, `subject.connection.roles`).
 */
import { advisoryMessage, type Difference } from './advisory.js';
import type { Image } from '../images/image.js';
import type { Finding, TestcaseResult } from './result.js';

/** Roles the official pre-flight refuses: they list images a member cannot see (check, --script, doctor). */
export const ELEVATED_ROLES: readonly string[] = ['admin', 'manager'];

/** Differences that concern whichever testcase counted the image (`testcase: '*'`), matched by their signature. */
export const ANY_TESTCASE = '*';

export const COUNTED_DIFFERENCES: readonly Difference[] = [
  {
    id: 'counted-snapshot',
    testcase: ANY_TESTCASE,
    reading: 'standard',
    reported: true,
    signature: 'is a server snapshot',
    official: 'every listed image counts, server snapshots included',
    standard: 'the standard images are those the provider offers; a snapshot of a server is a user image',
    reference: 'scs-0104 v1 (Standard Images): images provided by the cloud provider',
  },
  {
    id: 'counted-other-community',
    testcase: ANY_TESTCASE,
    reading: 'official',
    reported: true,
    signature: 'community image of another project',
    official: "Glance's default listing: other projects' community images are not listed, so not counted",
    standard: '--all-community lists them, and this check counted them',
    reference: 'Glance image API v2: community images are listed only with visibility=community',
  },
  {
    id: 'counted-elevated',
    testcase: ANY_TESTCASE,
    reading: 'official',
    reported: true,
    signature: 'visible only through the role',
    official: 'the pre-flight refuses admin and manager credentials, so a member lists the images and never sees this one',
    standard: 'these credentials have an elevated role, and this check counted what it lists',
    reference: 'SCS standards Tests/iaas/openstack_test.py: the pre-flight check of the roles',
  },
];

export interface CountingContext {
  /** The project of the token the images were listed with; undefined offline. */
  projectId?: string | undefined;
  roles: readonly string[];
  allCommunity: boolean;
}

/** Why an image's counting deserves a note, as advisory messages. */
export function countingNotes(image: Image, ctx: CountingContext): string[] {
  const notes: string[] = [];
  const label = `Image '${image.name}' (${image.id})`;
  const instance = image.properties['instance_uuid'];
  if (image.properties['image_type'] === 'snapshot' || (typeof instance === 'string' && instance !== '')) {
    const why = image.properties['image_type'] === 'snapshot' ? 'image_type=snapshot' : `instance_uuid ${String(instance)}`;
    notes.push(
      advisoryMessage(
        'standard',
        `${label} is a server snapshot (${why}): it is counted as the official test counts it, though the standard means the images the provider offers`,
      ),
    );
  }
  const foreign = ctx.projectId !== undefined && image.owner !== undefined && image.owner !== ctx.projectId;
  if (!foreign) return notes;
  const elevated = ctx.roles.filter((r) => ELEVATED_ROLES.includes(r.toLowerCase()));
  const memberSees = image.visibility === 'public' || (image.visibility === 'community' && ctx.allCommunity);
  if (elevated.length > 0 && !memberSees) {
    notes.push(
      advisoryMessage(
        'official',
        `${label} of project ${image.owner} (visibility ${image.visibility}) is visible only through the role ${elevated.join(' and ')} of these credentials: a member would not see it, and the official pre-flight refuses such credentials`,
      ),
    );
  } else if (image.visibility === 'community') {
    notes.push(
      advisoryMessage(
        'official',
        `${label} is a community image of another project (${image.owner}): counted because --all-community lists it; the official test's listing shows only your own community images`,
      ),
    );
  }
  return notes;
}

/** The testcases with the counting notes added to each that looked at a noted image. */
export function addCountingAdvisories(testcases: readonly TestcaseResult[], considered: readonly Image[], ctx: CountingContext): TestcaseResult[] {
  const notes = new Map<string, { image: Image; messages: string[] }>();
  for (const image of considered) {
    const messages = countingNotes(image, ctx);
    if (messages.length > 0) notes.set(image.id, { image, messages });
  }
  if (notes.size === 0) return [...testcases];
  return testcases.map((tc) => {
    const ids = new Set([...tc.images.map((i) => i.id), ...tc.findings.flatMap((f) => (f.image ? [f.image.id] : []))]);
    const added: Finding[] = [];
    for (const id of ids) {
      const n = notes.get(id);
      if (!n) continue;
      for (const message of n.messages) added.push({ level: 'info', message, image: { id, name: n.image.name } });
    }
    return added.length > 0 ? { ...tc, findings: [...tc.findings, ...added] } : tc;
  });
}
