import type { SubjectReport } from '../core/check/report.js';
import type { Finding, TestcaseResult } from '../core/check/result.js';
import { isAdvisory } from '../core/check/advisory.js';
import type { ImageRef } from '../core/images/image.js';
import { OUTCOME_RANK, outcomeOf, type Outcome } from './common.js';

/** One finding about an image, with the testcase it came from. */
export interface ImageEntry {
  testcase: TestcaseResult;
  /** The testcase's outcome (a finding has no verdict of its own). */
  outcome: Outcome;
  finding: Finding;
  advisory: boolean;
}

/**
 * An image as operators see it: what is wrong with it across all testcases. Operators fix images,
 * not testcases, so the HTML report groups findings this way as well as per testcase.
 */
export interface ImageView {
  image: ImageRef;
  /**
   * The worst outcome of the testcases with an error or warning finding about the image; PASS
   * when there is none (`info` findings, advisory or not, are notes, not problems), even if a
   * testcase it was matched by failed for another image.
   */
  outcome: Outcome;
  entries: ImageEntry[];
  /** Ids of the testcases that looked at the image or have a finding about it, in report order. */
  testcases: string[];
}

/**
 * Every image a subject's testcases looked at or have findings about, in order of first mention.
 * Findings without an image (a missing image, an abort reason) are not about one image and stay
 * in the testcase view only.
 */
export function imageViews(subject: SubjectReport, strict: boolean): ImageView[] {
  const byId = new Map<string, ImageView>();
  const viewOf = (image: ImageRef): ImageView => {
    let view = byId.get(image.id);
    if (!view) {
      view = { image, outcome: 'PASS', entries: [], testcases: [] };
      byId.set(image.id, view);
    }
    return view;
  };
  for (const tc of subject.testcases) {
    const outcome = outcomeOf(tc, strict);
    const seen = (view: ImageView) => {
      if (view.testcases.at(-1) !== tc.id) view.testcases.push(tc.id);
    };
    for (const image of tc.images) seen(viewOf(image));
    for (const finding of tc.findings) {
      if (finding.image === undefined) continue;
      const view = viewOf(finding.image);
      seen(view);
      const advisory = isAdvisory(finding);
      view.entries.push({ testcase: tc, outcome, finding, advisory });
      if (finding.level !== 'info' && OUTCOME_RANK[outcome] < OUTCOME_RANK[view.outcome]) view.outcome = outcome;
    }
  }
  return [...byId.values()];
}
