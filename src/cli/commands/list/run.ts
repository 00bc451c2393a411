import { definitionRows } from '../../../core/table/image-table.js';
import { loadDefinitions } from '../../../inputs/load-definitions.js';
import { renderImageTable } from '../../../reporters/image-table.js';
import { listCloudImages } from '../../../usecases/list-images.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import type { ListRun } from './index.js';

/** `scs-images list`: --images alone lists definitions; --cloud lists managed images (named by --images' definitions when given). */
export async function run({ flags, opts, io }: ListRun): Promise<number> {
  const { cloud, output } = flags;
  const path = flags.definitions.path;
  if (path === undefined && cloud.cloud === undefined) throw new ExitError(EXIT.USAGE, 'error: list needs --images PATH, --cloud NAME, or both');
  const definitions = path !== undefined ? await loadDefinitions(path) : undefined;
  for (const w of definitions?.warnings ?? []) io.stderr.write(`scs-images: warning: ${w}\n`);
  if (cloud.cloud === undefined) {
    io.stdout.write(
      renderImageTable({ source: 'definitions', rows: definitionRows(definitions?.images ?? [], { passwords: opts.passwords === true }) }, output.format),
    );
    return EXIT.OK;
  }
  const listed = await listCloudImages({
    cloud: { ...flags.connection, ...cloud, env: io.env },
    tag: flags.definitions.tag,
    definitions: definitions?.images ?? [],
    now: flags.clock.now,
  });
  io.stdout.write(renderImageTable({ source: 'cloud', ...listed }, output.format));
  return EXIT.OK;
}
