/**
 * The fix use case: property repairs for the project's unmanaged images, as a plan that `apply`
 * carries out (a saved plan: `fix --out fix.json`, then `apply fix.json`). Only GETs here.
 */
import { parseValuesFile, valuesPerImage } from '../../core/adopt/given-values.js';
import { planFix, type FixResult } from '../../core/adopt/plan-fix.js';
import { readInputFile } from '../../inputs/read-file.js';
import { readBundledReleases } from '../../inputs/read-releases.js';
import { listManageable } from '../../openstack/image-listings.js';
import { openProjectCloud, type OpenCloudOptions } from '../../openstack/open-cloud.js';
import { VERSION } from '../../version.js';
import type { GivenValues } from './adopt.js';
import { chooseImages, listOwnImages, type ImageChoice } from './own-images.js';

export interface FixRequest {
  cloud: OpenCloudOptions;
  tag: string;
  choice: ImageChoice;
  given: GivenValues;
  now: Date;
}

export async function planFixes(req: FixRequest): Promise<FixResult> {
  const valuesFile = req.given.valuesFile;
  const values = valuesFile ? { values: parseValuesFile(await readInputFile(valuesFile), valuesFile), name: valuesFile } : undefined;
  const releases = await readBundledReleases();
  const cloud = await openProjectCloud(req.cloud);
  try {
    const [own, managed] = await Promise.all([listOwnImages(cloud.client, cloud.projectId), listManageable(cloud.client, req.tag, cloud.projectId)]);
    const { chosen, named } = chooseImages(own, req.choice);
    const given = valuesPerImage(chosen, values, req.given.sets, named);
    return planFix({
      images: chosen,
      managed,
      releases,
      ownerProjectId: cloud.projectId,
      tag: req.tag,
      now: req.now,
      cloud: { name: cloud.client.cloud, region: cloud.client.region },
      given,
      tool: { name: 'scs-images', version: VERSION },
    });
  } finally {
    await cloud.client.close();
  }
}
