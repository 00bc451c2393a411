import { definitionRows } from '../../core/table/image-table.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import { renderImageTable, type TableFormat } from '../../reporters/image-table.js';
import { listCloudImages } from '../../usecases/list-images.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import type { ManageOptions } from '../manage-options.js';
import { connectionOptions, parseNow } from '../options.js';

// one cloud and region (list's --cloud is not repeatable, unlike plan's fleet flags)
export interface ListOptions extends Pick<ManageOptions, 'tag' | 'timeout' | 'insecure' | 'debug'> {
  cloud?: string;
  region?: string;
  images?: string;
  format: TableFormat;
  now?: string;
  passwords?: boolean;
}

/** `scs-images list`: --images alone lists definitions; --cloud lists managed images (named by --images' definitions when given). */
export async function listCommand(opts: ListOptions, io: CliIO): Promise<number> {
  const now = parseNow(opts.now);
  if (opts.images === undefined && opts.cloud === undefined) throw new ExitError(EXIT.USAGE, 'error: list needs --images PATH, --cloud NAME, or both');
  const definitions = opts.images !== undefined ? await loadDefinitions(opts.images) : undefined;
  for (const w of definitions?.warnings ?? []) io.stderr.write(`scs-images: warning: ${w}\n`);
  if (opts.cloud === undefined) {
    io.stdout.write(
      renderImageTable({ source: 'definitions', rows: definitionRows(definitions?.images ?? [], { passwords: opts.passwords === true }) }, opts.format),
    );
    return EXIT.OK;
  }
  const listed = await listCloudImages({
    cloud: { ...connectionOptions(opts, io), cloud: opts.cloud, region: opts.region, env: io.env },
    tag: opts.tag,
    definitions: definitions?.images ?? [],
    now,
  });
  io.stdout.write(renderImageTable({ source: 'cloud', ...listed }, opts.format));
  return EXIT.OK;
}
