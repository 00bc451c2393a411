import type { OpenCloudOptions } from '../../../openstack/open-cloud.js';
import { share as shareImage, type ShareRequest } from '../../../usecases/share.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import type { CliIO } from '../../io.js';
import type { ShareRun } from './index.js';

/**
 * `scs-images share`: share an image with a project, or with every project of a domain, or stop
 * sharing it (--remove). A private image becomes `shared` (Glance only shares those); public and
 * community images are visible to everyone already. Exit 0, or 1 when some project failed.
 */
export async function run({ flags, opts, io }: ShareRun): Promise<number> {
  if (Boolean(opts.project) === Boolean(opts.domainProjects)) throw new ExitError(EXIT.USAGE, 'error: give exactly one of --project and --domain-projects');
  const target = opts.domainProjects ? { domainProjects: opts.domainProjects } : { project: opts.project as string, domain: opts.domain };
  return shareAndSay(
    {
      cloud: { ...flags.connection, ...flags.cloud, env: io.env },
      image: opts.image,
      target,
      remove: opts.remove ?? false,
      accept: opts.accept ?? false,
    },
    io,
  );
}

/** Shares (or stops sharing) and says each step: members on stdout, failures on stderr (manage's --share-image too). */
export async function shareAndSay(req: ShareRequest & { cloud: OpenCloudOptions }, io: CliIO): Promise<number> {
  const failures = await shareImage(req, (e) => {
    if (e.type === 'visibility') io.stdout.write(`${e.image.id}: visibility ${e.from} → ${e.to}\n`);
    else if (e.type === 'member') io.stdout.write(`${e.line}\n`);
    else io.stderr.write(`scs-images: error: ${e.line}: ${e.error}\n`);
  });
  return failures > 0 ? EXIT.NOT_COMPLIANT : EXIT.OK;
}
