import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { buildReport } from '../../core/check/report.js';
import { runRuleSets } from '../../core/check/rule-sets.js';
import { DEFAULT_SELECTION, selectImages } from '../../core/check/select-images.js';
import type { DefinitionSet } from '../../core/definitions/types.js';
import { predictImages } from '../../core/plan/predict-images.js';
import { DEFAULT_OUTDATED_POLICY } from '../../core/plan/types.js';
import { resolveRuleSets } from '../../check/resolve-rule-sets.js';
import { renderReport, type ReportFormat } from '../../reporters/index.js';
import { VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../main.js';
import { parseNow } from '../options.js';
import { redactArgv } from '../redact.js';

export interface PredictOptions {
  images: string;
  spec?: string;
  standard: string[];
  scope?: string;
  scopeVersion?: string;
  tag: string;
  now?: string;
  strict: boolean;
  format: ReportFormat;
  output?: string;
  explain: boolean;
}

/**
 * `validate --images DIR --spec SPEC` (or --scope/--standard): before any cloud call, derive the
 * images these definitions would produce and run the check's own rules on them. Exit 1 when the
 * predicted cloud would not comply; the report says which entry is unmet and why.
 */
export async function runPrediction(opts: PredictOptions, defs: DefinitionSet, io: CliIO): Promise<number> {
  const now = parseNow(opts.now);
  const resolved = await resolveRuleSets({
    spec: opts.spec,
    standards: opts.standard,
    scope: opts.scope,
    scopeVersion: opts.scopeVersion,
    withRecommended: false,
    today: now.toISOString().slice(0, 10),
  });
  for (const w of resolved.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const predicted = predictImages(defs.images, { managedTag: opts.tag, policy: DEFAULT_OUTDATED_POLICY, now, includeDisabled: false });
  const selected = selectImages(predicted, DEFAULT_SELECTION);
  const report = buildReport({
    toolVersion: VERSION,
    checkedAt: now,
    ...(resolved.scope ? { scope: resolved.scope } : {}),
    modules: resolved.modules,
    warnings: resolved.warnings,
    options: { visibilities: [...DEFAULT_SELECTION.visibilities], includeHidden: false, allCommunity: false, strict: opts.strict, collapseDuplicates: false },
    subjects: [{
      subject: { kind: 'file', name: `${opts.images} (predicted after apply)` },
      images: { listed: predicted.length, considered: selected.length },
      testcases: runRuleSets(resolved.ruleSets, selected, { now }),
    }],
  });
  const text = renderReport(report, opts.format, {
    color: false,
    explain: opts.explain,
    runId: randomUUID(),
    invocationId: randomUUID(),
    argv: redactArgv(process.argv.slice(2)),
  });
  if (opts.output) await writeFile(opts.output, text);
  else io.stdout.write(text);
  if (report.compliant) return EXIT.OK;
  return report.summary.failed > 0 ? EXIT.NOT_COMPLIANT : EXIT.INCOMPLETE;
}
