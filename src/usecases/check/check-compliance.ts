/**
 * The library's short way to the check `scs-images check` runs by default: the newest stable
 * version of the SCS-compatible IaaS scope (scs-0102 + scs-0104), with the CLI's defaults for
 * everything but the clock. runCheck takes every knob; this takes only what differs.
 */
import type { CheckReport } from '../../core/check/report.js';
import { DEFAULT_SELECTION, type ImageSelection } from '../../core/check/select-images.js';
import { runCheck, type CheckRequest, type CheckSource } from './run-check.js';

export interface ComplianceOptions {
  /** The clock of the run (which scope version is current, recency, build dates): always the caller's. */
  now: Date;
  /** A spec, standards or another scope (version) instead of the default scope; as `check --spec/--standard/--scope/--scope-version`. */
  rules?: Partial<CheckRequest['rules']>;
  /** Default: public and community images, hidden ones left out (as the official test sees them). */
  selection?: ImageSelection;
  /** Missing recommended images make the result non-compliant. */
  strict?: boolean;
  /** FAIL where the official test aborts on its input (as `check --strict-reading`); default ABORT, as it does. */
  strictReading?: boolean;
  /** For a `clouds` source: also list other projects' community images. */
  allCommunity?: boolean;
  /** For a `clouds` source: where clouds.yaml and OS_* come from (nothing is read unless passed). */
  env?: NodeJS.ProcessEnv;
}

export function checkCompliance(source: CheckSource, options: ComplianceOptions): Promise<CheckReport> {
  return runCheck({
    rules: { standards: [], withRecommended: false, ...options.rules },
    source,
    selection: options.selection ?? DEFAULT_SELECTION,
    allCommunity: options.allCommunity ?? false,
    strict: options.strict ?? false,
    strictReading: options.strictReading ?? false,
    now: options.now,
    env: options.env ?? {},
  });
}
