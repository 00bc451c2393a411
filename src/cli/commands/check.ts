import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { buildReport, type CheckReport, type SubjectInput } from '../../core/check/report.js';
import type { TestcaseResult } from '../../core/check/result.js';
import { abortRuleSets, runRuleSets } from '../../core/check/rule-sets.js';
import { selectImages, type ImageSelection } from '../../core/check/select-images.js';
import { collectCloudImages, type SubjectImages } from '../../check/collect-subjects.js';
import { resolveRuleSets } from '../../check/resolve-rule-sets.js';
import { listClouds } from '../../openstack/config/clouds.js';
import { parseImagesFile } from '../../offline/parse-images-file.js';
import { renderReport, type ReportFormat } from '../../reporters/index.js';
import { VERSION } from '../../version.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../main.js';
import { parseNow, parseSeconds, parseVisibilities } from '../options.js';
import { readInputFile } from '../read-input.js';
import { redactArgv, redactText } from '../redact.js';

export interface CheckOptions {
  cloud: string[];
  allClouds: boolean;
  region?: string;
  concurrency: string;
  spec?: string;
  standard: string[];
  scope?: string;
  scopeVersion?: string;
  withRecommended: boolean;
  imagesFile?: string;
  visibility: string;
  includeHidden: boolean;
  allCommunity: boolean;
  collapseDuplicates: boolean;
  strict: boolean;
  format: ReportFormat;
  output?: string;
  now?: string;
  timeout: string;
  insecure: boolean;
  verbose: boolean;
  explain: boolean;
  color: boolean;
  debug: boolean;
}

/** `scs-images check`: 0 compliant, 1 not compliant, 2 bad input (thrown), 3 could not finish. */
export async function runCheck(opts: CheckOptions, io: CliIO): Promise<number> {
  const selection: ImageSelection = {
    visibilities: parseVisibilities(opts.visibility),
    includeHidden: opts.includeHidden,
    collapseDuplicates: opts.collapseDuplicates,
  };
  const now = parseNow(opts.now);
  const timeoutMs = parseSeconds(opts.timeout, '--timeout') * 1000;
  const concurrency = Math.max(1, Math.floor(parseSeconds(opts.concurrency, '--concurrency')));
  if (opts.imagesFile && (opts.cloud.length > 0 || opts.allClouds)) throw new ExitError(EXIT.USAGE, 'error: --images-file excludes --cloud and --all-clouds');

  // everything about the input is validated before the first cloud call
  const resolved = await resolveRuleSets({
    spec: opts.spec,
    standards: opts.standard,
    scope: opts.scope,
    scopeVersion: opts.scopeVersion,
    withRecommended: opts.withRecommended,
    today: now.toISOString().slice(0, 10),
  });
  for (const w of resolved.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const ctx = { now };

  let sources: SubjectImages[];
  let propertiesMissing: string | undefined;
  if (opts.imagesFile) {
    const file = parseImagesFile(await readInputFile(opts.imagesFile), opts.imagesFile);
    sources = [{ subject: { kind: 'file', name: opts.imagesFile }, images: file.images }];
    if (!file.hasProperties) {
      propertiesMissing = `${opts.imagesFile} has no image properties (\`openstack image list --long\` omits them); export with \`openstack image show -f json\` or Glance's GET /v2/images`;
    }
  } else {
    if (opts.insecure) io.stderr.write('scs-images: warning: --insecure: TLS certificates are not verified\n');
    const clouds: Array<string | undefined> = opts.allClouds ? await listClouds({ env: io.env }) : opts.cloud.length > 0 ? opts.cloud : [undefined];
    if (clouds.length === 0) throw new ExitError(EXIT.USAGE, 'error: --all-clouds: no cloud is defined in clouds.yaml');
    sources = await collectCloudImages(
      clouds,
      {
        region: opts.region,
        includeHidden: opts.includeHidden,
        allCommunity: opts.allCommunity,
        timeoutMs,
        insecure: opts.insecure,
        debug: opts.debug ? (line: string) => io.stderr.write(`${redactText(line)}\n`) : undefined,
        env: io.env,
      },
      concurrency,
      opts.allClouds,
    );
  }

  const subjects: SubjectInput[] = sources.map((src) => {
    if (!src.images) {
      return { subject: src.subject, images: { listed: 0, considered: 0 }, testcases: abortRuleSets(resolved.ruleSets, src.error ?? 'could not list images', ctx), error: src.error ?? 'could not list images' };
    }
    const selected = selectImages(src.images, selection);
    let testcases = runRuleSets(resolved.ruleSets, selected, ctx);
    if (propertiesMissing) testcases = abortPropertyTestcases(testcases, propertiesMissing);
    return { subject: src.subject, images: { listed: src.images.length, considered: selected.length }, testcases };
  });

  const report = buildReport({
    toolVersion: VERSION,
    checkedAt: now,
    ...(resolved.scope ? { scope: resolved.scope } : {}),
    modules: resolved.modules,
    warnings: resolved.warnings,
    options: {
      visibilities: selection.visibilities.slice(),
      includeHidden: selection.includeHidden,
      allCommunity: opts.allCommunity,
      strict: opts.strict,
      collapseDuplicates: selection.collapseDuplicates,
    },
    subjects,
  });
  await emit(report, opts, io);
  for (const s of report.subjects) {
    if (s.error !== undefined) io.stderr.write(`scs-images: error: ${s.subject.name}: ${redactText(s.error)}\n`);
  }
  const code = exitCodeFor(report);
  if (code === EXIT.INCOMPLETE) io.stderr.write(`scs-images: the check could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
  return code;
}

/** Testcases that read image properties cannot be decided from an export without them. */
function abortPropertyTestcases(results: readonly TestcaseResult[], reason: string): TestcaseResult[] {
  return results.map((r) => (r.id.startsWith('scs-0104-source-') || r.id.startsWith('scs-0102-') ? { ...r, verdict: 'ABORT', findings: [{ level: 'error', message: reason }] } : r));
}

/**
 * The worst over all subjects: a FAIL means "not compliant" (1); without one, a subject that could
 * not be checked or an undecided testcase means "no verdict" (3).
 */
function exitCodeFor(report: CheckReport): number {
  if (report.compliant) return EXIT.OK;
  if (report.subjects.some((s) => s.error !== undefined)) return EXIT.INCOMPLETE;
  return report.summary.failed > 0 ? EXIT.NOT_COMPLIANT : EXIT.INCOMPLETE;
}

async function emit(report: CheckReport, opts: CheckOptions, io: CliIO): Promise<void> {
  const toTerminal = !opts.output && Boolean(io.stdout.isTTY);
  const color = opts.color && toTerminal && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
  const text = renderReport(report, opts.format, {
    color,
    verbose: opts.verbose,
    explain: opts.explain,
    runId: randomUUID(),
    invocationId: randomUUID(),
    argv: redactArgv(process.argv.slice(2)),
  });
  if (opts.output) {
    await writeFile(opts.output, text);
    const s = report.summary;
    io.stderr.write(`scs-images: ${report.compliant ? 'COMPLIANT' : 'NOT COMPLIANT'} (${s.passed} passed, ${s.failed} failed, ${s.aborted} aborted, ${s.warnings} warnings); report written to ${opts.output}\n`);
  } else {
    io.stdout.write(text);
  }
}
