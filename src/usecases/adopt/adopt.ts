/**
 * The adopt use case: the project's existing images → OIM definitions (one file, commented),
 * written into a directory and read back with the loader `validate` and `plan` use. Nothing on
 * the cloud changes: only GETs.
 */
import { adoptImages, describeNeeds, type AdoptResult } from '../../core/adopt/build-definitions.js';
import { parseValuesFile, valuesPerImage } from '../../core/adopt/given-values.js';
import { renderFile } from '../../core/init/render.js';
import type { DefinitionSet } from '../../core/definitions/types.js';
import { loadDefinitions } from '../../inputs/load-definitions.js';
import { readInputFile } from '../../inputs/read-file.js';
import { readBundledReleases } from '../../inputs/read-releases.js';
import { openProjectCloud, type OpenCloudOptions } from '../../openstack/open-cloud.js';
import { writeDefinitionFiles } from '../init/write-files.js';
import { chooseImages, listOwnImages, type ImageChoice } from './own-images.js';
import { dayOf } from '../../core/clock.js';

export interface GivenValues {
  sets: readonly [string, string][];
  valuesFile?: string | undefined;
}

export interface AdoptRequest {
  cloud: OpenCloudOptions;
  tag: string;
  choice: ImageChoice;
  given: GivenValues;
  now: Date;
  /** Where to write `adopted.yml`; undefined: only return the text. */
  out?: string | undefined;
  force: boolean;
}

export interface AdoptOutcome {
  result: AdoptResult;
  /** The file's text; undefined when no image could be adopted. */
  text?: string;
  written: string[];
  /** The written file read back (validated), when written. */
  readBack?: DefinitionSet;
  cloudName: string;
  projectId: string;
}

const ADOPTED_FILE = 'adopted.yml';

export async function adoptFromCloud(req: AdoptRequest): Promise<AdoptOutcome> {
  const valuesFile = req.given.valuesFile;
  const values = valuesFile ? { values: parseValuesFile(await readInputFile(valuesFile), valuesFile), name: valuesFile } : undefined;
  const releases = await readBundledReleases();
  const cloud = await openProjectCloud(req.cloud);
  let images;
  try {
    images = await listOwnImages(cloud.client, cloud.projectId);
  } finally {
    await cloud.client.close();
  }
  const { chosen, named } = chooseImages(images, req.choice);
  const given = valuesPerImage(chosen, values, req.given.sets, named);
  const result = adoptImages({ images: chosen, releases, managedTag: req.tag, given });
  const outcome: AdoptOutcome = { result, written: [], cloudName: cloud.client.cloud, projectId: cloud.projectId };
  // already managed images are the definitions' business, not adoption's
  result.definitions = result.definitions.filter((d) => {
    const managed = d.images.filter((i) => i.image.tags.includes(req.tag));
    if (managed.length > 0) result.notes.push(`'${d.name}': ${managed.map((i) => i.image.id).join(', ')} carries the tag ${req.tag} already; not adopted`);
    return managed.length === 0;
  });
  if (result.definitions.length === 0) return outcome;
  const header = [
    `Definitions adopted from the existing images of cloud ${outcome.cloudName} (project ${cloud.projectId}) by scs-images adopt, ${dayOf(req.now)}.`,
    "Values marked 'inferred' were not on the image: check them. Nothing on the cloud has changed;",
    'scs-images plan --images THIS_DIR shows the adoption (tag + properties, never a re-import), apply does it.',
  ];
  const trailer =
    result.needsValues.length > 0
      ? [
          'Not adopted: values nothing could infer (give them with --set or --values and run adopt again):',
          ...result.needsValues.map((n) => `  ${describeNeeds(n)}`),
        ].join('\n')
      : undefined;
  outcome.text = renderFile(header, result.definitions, trailer);
  if (req.out === undefined) return outcome;
  outcome.written = await writeDefinitionFiles(req.out, [{ fileName: ADOPTED_FILE, text: outcome.text }], req.force);
  outcome.readBack = await loadDefinitions(req.out);
  return outcome;
}
