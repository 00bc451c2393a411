import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { abortSourceTestcases, abortStandardImages, checkStandardImages } from '../../core/check/check-standard-images.js';
import { buildReport, type CheckReport, type Subject } from '../../core/check/report.js';
import type { TestcaseResult } from '../../core/check/result.js';
import { selectImages, type ImageSelection } from '../../core/check/select-images.js';
import type { Image } from '../../core/images/image.js';
import { OpenStackError, ConfigError } from '../../openstack/errors.js';
import { parseImagesFile } from '../../offline/parse-images-file.js';
import { renderReport, type ReportFormat } from '../../reporters/index.js';
import { loadImageSpec } from '../../specs/load-image-spec.js';
import { readInputFile } from '../read-input.js';
import { VERSION } from '../../version.js';
import { EXIT, ExitError } from '../exit-codes.js';
import type { CliIO } from '../main.js';
import { parseNow, parseSeconds, parseVisibilities } from '../options.js';
import { redactArgv, redactText } from '../redact.js';
import { listCloudImages } from '../cloud-images.js';

export interface CheckOptions {
  cloud?: string;
  region?: string;
  spec?: string;
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
  if (opts.imagesFile && opts.cloud) throw new ExitError(EXIT.USAGE, 'error: --images-file and --cloud exclude each other');

  // everything about the input is validated before the first cloud call
  const spec = await loadImageSpec(opts.spec, now.toISOString().slice(0, 10));
  for (const w of spec.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);

  let testcases: TestcaseResult[];
  let subject: Subject;
  let listed = 0;
  let considered = 0;
  let incomplete: string | undefined;

  if (opts.imagesFile) {
    const file = parseImagesFile(await readInputFile(opts.imagesFile), opts.imagesFile);
    subject = { kind: 'file', name: opts.imagesFile };
    const selected = selectImages(file.images, selection);
    listed = file.images.length;
    considered = selected.length;
    testcases = checkStandardImages(spec, selected);
    if (!file.hasProperties) {
      testcases = abortSourceTestcases(testcases, `${opts.imagesFile} has no image properties (\`openstack image list --long\` omits them); export with \`openstack image show -f json\` or Glance's GET /v2/images`);
    }
  } else {
    if (opts.insecure) io.stderr.write('scs-images: warning: --insecure: TLS certificates are not verified\n');
    let images: Image[] = [];
    try {
      const result = await listCloudImages({
        cloud: opts.cloud,
        region: opts.region,
        includeHidden: opts.includeHidden,
        allCommunity: opts.allCommunity,
        timeoutMs,
        insecure: opts.insecure,
        debug: opts.debug ? (line: string) => io.stderr.write(`${redactText(line)}\n`) : undefined,
        env: io.env,
      });
      images = result.images;
      subject = { kind: 'cloud', name: result.cloudName, ...(result.region ? { region: result.region } : {}) };
    } catch (e) {
      if (e instanceof ConfigError || !(e instanceof OpenStackError)) throw e;
      incomplete = e.message;
      subject = { kind: 'cloud', name: opts.cloud ?? io.env['OS_CLOUD'] ?? 'default', ...(opts.region ? { region: opts.region } : {}) };
    }
    if (incomplete === undefined) {
      const selected = selectImages(images, selection);
      listed = images.length;
      considered = selected.length;
      testcases = checkStandardImages(spec, selected);
    } else {
      testcases = abortStandardImages(spec, `could not list the cloud's images: ${incomplete}`);
    }
  }

  const report = buildReport({
    toolVersion: VERSION,
    checkedAt: now,
    subject,
    standard: { id: 'scs-0104-v1', source: spec.origin },
    options: { visibilities: selection.visibilities.slice(), includeHidden: selection.includeHidden, strict: opts.strict, collapseDuplicates: selection.collapseDuplicates },
    images: { listed, considered },
    testcases,
  });
  await emit(report, opts, io);
  if (incomplete !== undefined) {
    io.stderr.write(`scs-images: error: ${redactText(incomplete)}\nscs-images: the check could not finish; no verdict (exit ${EXIT.INCOMPLETE})\n`);
    return EXIT.INCOMPLETE;
  }
  return exitCodeFor(report);
}

/** A FAIL decides "not compliant" (1); without one, an ABORT means no verdict could be reached (3). */
function exitCodeFor(report: CheckReport): number {
  if (report.compliant) return EXIT.OK;
  return report.summary.failed > 0 ? EXIT.NOT_COMPLIANT : EXIT.INCOMPLETE;
}

async function emit(report: CheckReport, opts: CheckOptions, io: CliIO): Promise<void> {
  const toTerminal = !opts.output && Boolean(io.stdout.isTTY);
  const color = opts.color && toTerminal && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
  const text = renderReport(report, opts.format, {
    color,
    verbose: opts.verbose,
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
