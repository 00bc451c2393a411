/**
 * The upload use case: report files → checked → signed → POSTed to the compliance monitor, one
 * request per file, as scs-test-runner.py does with its concatenated report.
 *
 * Phases, in this order, so that a bad input costs nothing:
 * 1. every file is read and checked (report.ts); any problem ends the run before anything is
 *    signed or sent, and so does a run uuid that two files share;
 * 2. the account of each file is decided: `account`, or the subject its documents share;
 * 3. each file is signed (sign.ts) and sent (monitor.ts), or, with `dryRun`, described.
 *    A rejection does not stop the next file (each upload is its own transaction at the
 *    monitor); a monitor that cannot be reached does, and the files after it are not tried.
 */
import { InputError, InputErrors } from '../../core/errors.js';
import { readTextFile } from '../../inputs/read-file.js';
import { ConnectionError } from '../../openstack/errors.js';
import { isLoopback, postReport, reportsUrl, type MonitorAnswer, type MonitorConnection } from './monitor.js';
import { checkDistinctRuns, CONTENT_TYPE, validateReport, type ReportSummary } from './report.js';
import { signReport, type SignerKey, type SigningKey } from './sign.js';

export { CONTENT_TYPE, type ReportSummary } from './report.js';
export type { SignerKey, SigningKey } from './sign.js';
export type { MonitorAnswer, MonitorConnection } from './monitor.js';

/** Reports are a few hundred KiB at most; anything far larger is not one. */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

export interface UploadRequest {
  files: readonly string[];
  /** The monitor's base URL (`https://compliance.sovereignit.cloud/`); `reports` is appended. */
  monitor: string;
  key: SigningKey;
  /** The monitor account (Basic-auth user); default: the `subject` of the file's documents. */
  account?: string | undefined;
  /** Needed unless dryRun. */
  password?: string | undefined;
  dryRun: boolean;
  connection: MonitorConnection;
  /** For ssh-keygen: PATH, HOME, SSH_AUTH_SOCK (nothing else is passed on). */
  env: NodeJS.ProcessEnv;
  /**
   * Ctrl-C: no further file is signed or sent. A signature under way is finished (so its temp
   * dir, which may hold the key, is removed) and so is a POST under way (its outcome is shown).
   */
  signal?: AbortSignal | undefined;
}

/** What the monitor is sent for one file (also what --dry-run shows). */
export interface UploadPlan {
  file: string;
  url: string;
  account: string;
  contentType: string;
  report: ReportSummary;
  signer: SignerKey;
  signatureBytes: number;
  reportBytes: number;
  bodyBytes: number;
}

export type UploadOutcome =
  | { type: 'dry-run'; plan: UploadPlan }
  /** HTTP 200: stored. */
  | { type: 'accepted'; plan: UploadPlan; answer: MonitorAnswer }
  /** Any other status: nothing of this file was stored (the monitor commits a file as a whole). */
  | { type: 'rejected'; plan: UploadPlan; answer: MonitorAnswer }
  /** No answer: refused, reset, DNS, TLS, timeout. */
  | { type: 'unreachable'; plan: UploadPlan; error: string }
  /** Not tried: the monitor could not be reached for an earlier file, or the run was interrupted. */
  | { type: 'skipped'; file: string; why: 'unreachable' | 'interrupted' };

export interface UploadHooks {
  /** A file was checked (all are, before anything is signed). */
  checked?(report: ReportSummary): void;
  /** A file's outcome, as soon as it is known. */
  done?(outcome: UploadOutcome): void;
  /** Plain http to another host: the password and the report travel unencrypted. */
  warning?(message: string): void;
}

export async function upload(req: UploadRequest, hooks: UploadHooks = {}): Promise<UploadOutcome[]> {
  const url = reportsUrl(req.monitor);
  if (!req.dryRun && !req.password) {
    throw new InputError({ file: '--password-file' }, 'no monitor password: give --password-file or --token-file, or set $SCS_MONITOR_PASSWORD');
  }
  const reports = await checkAll(req.files);
  for (const r of reports) hooks.checked?.(r.summary);
  const accounts = reports.map((r) => accountFor(r.summary, req.account));
  if (new URL(url).protocol === 'http:' && !isLoopback(url)) {
    hooks.warning?.(`${url} is plain http: the password and the reports travel unencrypted`);
  }

  const outcomes: UploadOutcome[] = [];
  let reachable = true;
  for (const [i, { summary, bytes }] of reports.entries()) {
    if (!reachable || req.signal?.aborted) {
      outcomes.push(say(hooks, { type: 'skipped', file: summary.file, why: reachable ? 'interrupted' : 'unreachable' }));
      continue;
    }
    const signature = await signReport(bytes, req.key, { env: req.env, trace: req.connection.trace });
    const signatureBytes = Buffer.from(signature.text, 'utf8');
    // exactly what `curl --data-binary @R.sig --data-binary @R` sends: the two files joined by `&`
    const body = Buffer.concat([signatureBytes, Buffer.from('&'), bytes]);
    const plan: UploadPlan = {
      file: summary.file,
      url,
      account: accounts[i] as string,
      contentType: CONTENT_TYPE[summary.format],
      report: summary,
      signer: signature.signer,
      signatureBytes: signatureBytes.byteLength,
      reportBytes: bytes.byteLength,
      bodyBytes: body.byteLength,
    };
    if (req.dryRun) {
      outcomes.push(say(hooks, { type: 'dry-run', plan }));
      continue;
    }
    try {
      const answer = await postReport(url, body, plan.contentType, { account: plan.account, password: req.password as string }, req.connection);
      outcomes.push(say(hooks, answer.status === 200 ? { type: 'accepted', plan, answer } : { type: 'rejected', plan, answer }));
    } catch (e) {
      if (!(e instanceof ConnectionError)) throw e;
      reachable = false;
      outcomes.push(say(hooks, { type: 'unreachable', plan, error: e.message }));
    }
  }
  return outcomes;
}

function say(hooks: UploadHooks, outcome: UploadOutcome): UploadOutcome {
  hooks.done?.(outcome);
  return outcome;
}

async function checkAll(files: readonly string[]): Promise<Array<{ summary: ReportSummary; bytes: Buffer }>> {
  const errors: InputError[] = [];
  const out: Array<{ summary: ReportSummary; bytes: Buffer }> = [];
  for (const file of files) {
    try {
      const text = await readTextFile(file, { maxBytes: MAX_REPORT_BYTES, kind: 'a report', notFound: 'no such file' });
      // the text as checked is what is signed and sent (strict UTF-8, as the monitor decodes it)
      out.push({ summary: validateReport(text, file), bytes: Buffer.from(text, 'utf8') });
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new InputErrors(errors);
  checkDistinctRuns(out.map((r) => r.summary));
  return out;
}

/** The account a file is uploaded as: the one given, or the subject every document names. */
function accountFor(report: ReportSummary, account: string | undefined): string {
  if (account) return account;
  const subjects = [...new Set(report.documents.map((d) => d.subject))];
  if (subjects.length === 1) return subjects[0] as string;
  throw new InputError(
    { file: report.file, field: 'subject' },
    `the documents name ${subjects.length} subjects (${subjects.join(', ')}): give the monitor account with --account (it must be each subject's account or its delegate)`,
  );
}
