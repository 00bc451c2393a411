import type { ImageRef } from '../images/image.js';
import { advisoryMessage } from './advisory.js';
import type { Finding, TestcaseResult } from './result.js';

/**
 * Where the official SCS test raises on its input, so that `openstack_test.py` prints ABORT for
 * the testcase: an image without any custom property, an unnamed image where a
 * name is matched, `min_disk` on an image without data, recency on an outdated image without
 * `provided_until`, and the others the rule sets know. The certificate (the SCS compliance
 * monitor) then shows the testcase as ABORT and the scope version as passed with an asterisk.
 *
 * By default this check gives the official verdict there, ABORT (marked `officialAbort`, so
 * verdict.ts calls the result inconclusive, not undecided), and adds the standard's reading as an
 * advisory. `--strict-reading` gives the stricter reading instead: the testcase FAILs, and an
 * advisory says what the official test and the dashboard show.
 */

/** The CLI flag that asks for the stricter reading (declared with the rules flags). */
export const STRICT_READING_FLAG = '--strict-reading';

/** One input on which the official test raises in one testcase. */
export interface OfficialCrash {
  /** What is wrong, naming the image: `Image 'x' (…) has no custom property at all`. */
  problem: string;
  /** Why the official code raises on it: `openstacksdk gives it properties=None, which the test reads`. */
  why: string;
  image?: ImageRef;
  /** Only used by the strict reading's FAIL finding (the default finding is a sentence). */
  property?: string;
  value?: unknown;
  expected?: string[];
}

export interface ReadingOptions {
  /** `--strict-reading`: FAIL where the official test aborts. Default: ABORT, as the certificate shows it. */
  strictReading?: boolean | undefined;
}

/**
 * The testcase's verdict once the official test's crashes on this input are taken into account.
 * Without crashes the result is returned unchanged. With some, whatever else was found:
 * - default: ABORT (`officialAbort`), as the official test ends there; the other findings stay,
 *   since they FAIL the testcase once the crash is fixed;
 * - strict reading: FAIL.
 */
export function decideOfficialCrashes(result: TestcaseResult, crashes: readonly OfficialCrash[], opts: ReadingOptions): TestcaseResult {
  if (crashes.length === 0) return result;
  const level = result.requirement === 'mandatory' ? 'error' : 'warning';
  if (opts.strictReading) {
    const findings: Finding[] = crashes.flatMap((c) => [
      {
        level,
        message: `${c.problem}: the official test aborts this testcase here (${c.why}); ${STRICT_READING_FLAG} fails it instead`,
        ...(c.image ? { image: c.image } : {}),
        ...(c.property !== undefined ? { property: c.property } : {}),
        ...(c.value !== undefined ? { value: c.value } : {}),
        ...(c.expected !== undefined ? { expected: c.expected } : {}),
      },
      {
        level: 'info',
        message: advisoryMessage(
          'official',
          `${c.problem}: the official test aborts this testcase here, so the SCS dashboard shows it as ABORT and the scope version as inconclusive (✅*), not as failed`,
        ),
        ...(c.image ? { image: c.image } : {}),
      },
    ]);
    return { ...result, verdict: 'FAIL', findings: [...findings, ...result.findings] };
  }
  const findings: Finding[] = crashes.flatMap((c) => [
    {
      level,
      message: `${c.problem}: the official test aborts this testcase here (${c.why}), so the SCS dashboard shows it as ABORT and the scope version as inconclusive (✅*)`,
      ...(c.image ? { image: c.image } : {}),
    },
    {
      level: 'info',
      message: advisoryMessage('standard', `${c.problem}, which the standard does not allow: ${STRICT_READING_FLAG} fails this testcase for it`),
      ...(c.image ? { image: c.image } : {}),
    },
  ]);
  const failing = result.verdict === 'FAIL' ? result.findings.filter((f) => f.level === level).length : 0;
  if (failing > 0) {
    findings.push({
      level: 'info',
      message: `besides, ${failing === 1 ? 'one finding below fails' : `${failing} findings below fail`} this testcase: once the official test gets past the abort, it FAILs`,
    });
  }
  return { ...result, verdict: 'ABORT', officialAbort: true, findings: [...findings, ...result.findings] };
}

/** An ABORT this check decided on its own (the subject or the input), never the official test's. */
export function ownAbort(result: TestcaseResult, reason: string): TestcaseResult {
  const { officialAbort: _, ...rest } = result;
  return { ...rest, verdict: 'ABORT', findings: [{ level: 'error', message: reason }] };
}
