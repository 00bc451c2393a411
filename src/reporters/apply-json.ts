/**
 * `apply --format json`: what a CI job needs to know about a run, documented in
 * docs/image-manager.md ("Machine-readable results"). Minor versions only add fields.
 */
import type { ApplyResult, ChangeOutcome } from '../apply/types.js';
import type { ChangeAction, Plan } from '../core/plan/types.js';
import type { RequestStatsSnapshot } from '../openstack/http/stats.js';

const APPLY_RESULT_FORMAT_VERSION = '1.0';

/** How the run ended; the exit code says the same in fewer words (main.ts decides it). */
export type ApplyStatus = 'applied' | 'failed' | 'interrupted' | 'no-changes' | 'dry-run' | 'cancelled' | 'error';

interface ChangeRef {
  action: ChangeAction;
  name: string;
  definition?: string;
  version?: string;
  imageId?: string;
}

export interface ApplyJson {
  formatVersion: string;
  command: 'apply';
  tool: { name: 'scs-images'; version: string };
  status: ApplyStatus;
  /** Absent when the run stopped before the cloud was opened. */
  cloud?: Plan['cloud'];
  tag?: string;
  /** The changes of the plan that was applied (or shown, for a dry run), in plan order. */
  planned?: ChangeRef[];
  /** In the order the changes ended. */
  results?: Array<ChangeRef & { outcome: ChangeOutcome; message: string }>;
  summary?: Record<ChangeOutcome, number>;
  requests?: Pick<RequestStatsSnapshot, 'requests' | 'byService'>;
  /** Why the run stopped (status `error`), as on stderr. */
  error?: string;
}

export interface ApplyJsonInput {
  toolVersion: string;
  status: ApplyStatus;
  plan?: Plan;
  result?: ApplyResult;
  requests?: RequestStatsSnapshot;
  error?: string;
}

export function renderApplyJson(input: ApplyJsonInput): string {
  return `${JSON.stringify(applyJsonDocument(input), null, 2)}\n`;
}

/** The document itself (a fleet run puts one per target into its own document). */
export function applyJsonDocument(input: ApplyJsonInput): ApplyJson {
  const { plan, result } = input;
  const doc: ApplyJson = {
    formatVersion: APPLY_RESULT_FORMAT_VERSION,
    command: 'apply',
    tool: { name: 'scs-images', version: input.toolVersion },
    status: input.status,
  };
  if (plan) {
    doc.cloud = plan.cloud;
    doc.tag = plan.tag;
    doc.planned = plan.changes.map(ref);
  }
  if (result) {
    doc.results = result.results.map((r) => ({ ...ref(r), outcome: r.outcome, message: r.message }));
    const count = (o: ChangeOutcome): number => result.results.filter((r) => r.outcome === o).length;
    doc.summary = { done: count('done'), failed: count('failed'), skipped: count('skipped'), interrupted: count('interrupted') };
  }
  if (input.requests) doc.requests = { requests: input.requests.requests, byService: input.requests.byService };
  if (input.error !== undefined) doc.error = input.error;
  return doc;
}

function ref(c: { action: ChangeAction; name: string; definition?: string; version?: string; imageId?: string }): ChangeRef {
  return {
    action: c.action,
    name: c.name,
    ...(c.definition !== undefined ? { definition: c.definition } : {}),
    ...(c.version !== undefined ? { version: c.version } : {}),
    ...(c.imageId ? { imageId: c.imageId } : {}),
  };
}

/** The status of a run that got as far as applying. */
export function statusOf(result: ApplyResult): ApplyStatus {
  if (result.interrupted) return 'interrupted';
  return result.ok ? 'applied' : 'failed';
}
