/**
 * Which images a read-only run (check, audit) counts, and where they come from: `--images-file`
 * instead of the clouds, `--visibility`, `--include-hidden`, `--all-community`, `--list-streams`.
 */
import type { ImageSelection } from '../../core/check/select-images.js';
import type { CheckSource } from '../../usecases/check/run-check.js';
import type { FlagGroup } from '../command.js';
import type { Clouds } from './clouds.js';
import type { Connection } from './connection.js';
import { parseCount, parseVisibilities, usage } from './values.js';

export interface Catalogue {
  imagesFile?: string | undefined;
  selection: ImageSelection;
  allCommunity: boolean;
  listStreams?: number | undefined;
}

export interface CatalogueDeclaration {
  /** What the command does with each image ("check", "audit"). */
  verb: string;
  /** `--images-file` with this help; absent: the command checks clouds only. */
  imagesFileHelp?: string;
  /** `--collapse-duplicates` (check). */
  collapseDuplicates?: boolean;
  includeHiddenHelp: string;
}

export function catalogueFlags(d: CatalogueDeclaration): FlagGroup<Catalogue> {
  return {
    declare: (cmd) => {
      cmd.option(
        '--list-streams <n>',
        'listing requests at once per cloud: a large catalogue is split by created_at so a Glance with several API workers serves them together (default 2; 1 pages serially)',
      );
      if (d.imagesFileHelp) cmd.option('--images-file <file>', d.imagesFileHelp);
      cmd
        .option('--visibility <list>', 'comma-separated visibilities that count: public, community, shared, private, all', 'public,community')
        .option('--include-hidden', d.includeHiddenHelp)
        .option(
          '--all-community',
          `also ${d.verb} other projects' community images (Glance's default listing, which the official test uses, shows only your own)`,
        );
      if (d.collapseDuplicates) cmd.option('--collapse-duplicates', 'reference behaviour: of several images with one name, check only the last listed');
    },
    parse: (o) => ({
      imagesFile: o['imagesFile'] as string | undefined,
      selection: {
        visibilities: parseVisibilities(o['visibility'] as string),
        includeHidden: o['includeHidden'] === true,
        collapseDuplicates: o['collapseDuplicates'] === true,
      },
      allCommunity: o['allCommunity'] === true,
      ...(o['listStreams'] !== undefined ? { listStreams: parseCount(o['listStreams'] as string, '--list-streams', 'listing requests at once', 64) } : {}),
    }),
  };
}

/** `--images-file`, or the clouds of the clouds group; a file excludes every cloud flag. */
export function imageSource(catalogue: Catalogue, clouds: Clouds, connection: Connection): CheckSource {
  const sel = clouds.selection;
  if (catalogue.imagesFile !== undefined) {
    if (sel.clouds.length > 0 || sel.allClouds || sel.regions.length > 0 || sel.allRegions)
      throw usage('--images-file excludes --cloud, --all-clouds, --region and --all-regions');
    return { kind: 'file', path: catalogue.imagesFile };
  }
  return {
    kind: 'clouds',
    clouds: sel.clouds.length > 0 ? sel.clouds : [undefined],
    allClouds: sel.allClouds,
    regions: sel.regions,
    allRegions: sel.allRegions,
    concurrency: clouds.concurrency,
    ...(catalogue.listStreams !== undefined ? { listStreams: catalogue.listStreams } : {}),
    connection,
  };
}
