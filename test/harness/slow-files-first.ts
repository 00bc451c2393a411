// vitest sequencer: the integration files known to run longest start first, so on two workers the
// longest one (crash safety, ~40 % of the integration time) overlaps the rest instead of running
// alone at the end. A clean clone has no duration cache, and vitest would order by file size.
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first (seconds in a CI run at 524f815: 124, 121, 88, 64, 40, 39, 29, 26). */
const SLOW = ['crash-safety', 'crash-safety-delete', 'concurrent-apply', 'apply-faults', 'check-robustness', 'hostile-input', 'image-manager', 'cli-input'];

const rank = (spec: TestSpecification): number => {
  const i = SLOW.indexOf(path.basename(spec.moduleId).replace(/\.test\.ts$/, ''));
  return i === -1 ? SLOW.length : i;
};

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map((x) => x.spec);
  }
}
