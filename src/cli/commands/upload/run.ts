import { PASSWORD_ENV, readPassword } from '../../../usecases/upload/credentials.js';
import { signingKeyFrom } from '../../../usecases/upload/sign.js';
import { upload, type UploadOutcome, type UploadPlan } from '../../../usecases/upload/upload.js';
import { EXIT, worstExit } from '../../exit-codes.js';
import { catchInterrupt } from '../../interrupt.js';
import type { CliIO } from '../../io.js';
import { usage } from '../../flags/values.js';
import type { UploadRun } from './index.js';

export const SIGNING_KEY_ENV = 'SCS_IMAGES_SIGNING_KEY';

/**
 * `scs-images upload REPORT... --monitor URL`: checks, signs and uploads reports to the SCS
 * compliance monitor (usecases/upload/). Accepted uploads and --dry-run go to stdout; refusals,
 * with a hint per known status, and an unreachable monitor go to stderr.
 * Exit 0 all accepted, 1 one refused, 2 bad usage or report (nothing sent), 3 no answer, 130
 * Ctrl-C (no further file is sent).
 */
export async function run({ flags, opts, args, io }: UploadRun): Promise<number> {
  // commander hands a variadic argument over as one array
  const files = (args as ReadonlyArray<string | string[] | undefined>).flatMap((a) => a ?? []);
  const keyValue = opts.key ?? io.env[SIGNING_KEY_ENV];
  if (!keyValue) throw usage(`no signing key: give --key FILE or set $${SIGNING_KEY_ENV} (the key registered with the monitor account)`);
  const key = opts.key ? { file: opts.key } : signingKeyFrom(keyValue, `$${SIGNING_KEY_ENV}`);
  const password = await readPassword({ passwordFile: opts.passwordFile, tokenFile: opts.tokenFile, env: io.env });
  if (password?.account && opts.account && password.account !== opts.account) {
    throw usage(`--account ${opts.account}: the token file is for another account; give one of the two`);
  }
  if (!password && !opts.dryRun) throw usage(`no monitor password: give --password-file or --token-file, or set $${PASSWORD_ENV}`);
  const interrupt = catchInterrupt(io);
  const outcomes = await upload(
    {
      files,
      monitor: opts.monitor,
      key,
      account: opts.account ?? password?.account,
      password: password?.password,
      dryRun: opts.dryRun === true,
      connection: { timeoutMs: flags.connection.timeoutMs, insecure: flags.connection.insecure, trace: flags.connection.trace },
      env: io.env,
      signal: interrupt.signal,
    },
    { done: (o) => show(o, io), warning: (m) => io.stderr.write(`scs-images: warning: ${m}\n`) },
  ).finally(() => interrupt.dispose());
  return worstExit(outcomes.map(exitOf));
}

function exitOf(o: UploadOutcome): number {
  if (o.type === 'rejected') return EXIT.NOT_COMPLIANT;
  if (o.type === 'unreachable') return EXIT.INCOMPLETE;
  if (o.type === 'skipped' && o.why === 'interrupted') return EXIT.INTERRUPTED;
  return EXIT.OK;
}

function show(o: UploadOutcome, io: CliIO): void {
  const err = (line: string) => io.stderr.write(`scs-images: ${line}\n`);
  switch (o.type) {
    case 'dry-run': {
      const p = o.plan;
      io.stdout.write(
        [
          `${p.file}: would POST ${p.url} (--dry-run: not sent)`,
          `  account:       ${p.account}`,
          `  content type:  ${p.contentType}`,
          `  reports:       ${describeDocuments(p)}`,
          `  signed with:   ${p.signer.type} ${p.signer.fingerprint} (the monitor needs it under keys: of ${p.account}: public_key_type: ${p.signer.type}, public_key: ${p.signer.publicKey})`,
          `  sizes:         signature ${p.signatureBytes} bytes + '&' + report ${p.reportBytes} bytes = body ${p.bodyBytes} bytes`,
          '',
        ].join('\n'),
      );
      return;
    }
    case 'accepted':
      io.stdout.write(
        `${o.plan.file}: accepted by ${o.plan.url} as ${o.plan.account} (HTTP ${o.answer.status} ${o.answer.body}): ${describeDocuments(o.plan)}\n`,
      );
      return;
    case 'rejected': {
      err(`${o.plan.file}: refused by ${o.plan.url} as ${o.plan.account}: HTTP ${o.answer.status}${o.answer.body ? ` ${o.answer.body}` : ''}`);
      const hint = hintFor(o.plan, o.answer.status, o.answer.body, o.answer.location);
      if (hint) err(`hint: ${hint}`);
      return;
    }
    case 'unreachable':
      err(`${o.plan.file}: the monitor could not be reached: ${o.error}`);
      return;
    case 'skipped':
      err(`${o.file}: not sent (${o.why === 'interrupted' ? 'interrupted' : 'the monitor could not be reached'})`);
      return;
  }
}

function describeDocuments(p: UploadPlan): string {
  const docs = p.report.documents;
  const subjects = [...new Set(docs.map((d) => d.subject))].join(', ');
  const results = docs.reduce((n, d) => n + d.results, 0);
  return `${docs.length} report${docs.length === 1 ? '' : 's'} (subject ${subjects}; ${results} results; run ${docs.map((d) => d.runUuid).join(', ')})`;
}

/** One line per known status: what the monitor means by it, and what to check. */
function hintFor(p: UploadPlan, status: number, body: string, location: string | undefined): string | undefined {
  const key = `${p.signer.type} ${p.signer.fingerprint}`;
  if (status === 401) {
    if (/verification failed|missing signature/.test(body)) {
      return `the signature was not verified with the keys of account ${p.account}: register the signing key (${key}) under its keys: in the monitor's bootstrap.yaml, or sign with a key listed there`;
    }
    if (/Permission denied|delegation/.test(body)) {
      return `account ${p.account} may not upload reports for this subject: it must be the subject's own account, one listed under its delegates:, or have the append_any role`;
    }
    return `wrong account or password (account ${p.account}; or the signature was not verified with that account's keys: signed with ${key})`;
  }
  if (status === 403) return `account ${p.account} is not allowed to upload these reports (or a proxy in front of the monitor refused)`;
  if (status === 409) return 'a report with this run uuid is already there (uploaded before?); nothing of this file was stored';
  if (status === 413) return 'the report is larger than the monitor (or a proxy in front of it) accepts';
  if (status === 415) return `the monitor wants the content type ${p.contentType} exactly; a proxy may have changed it`;
  if (status === 404 || status === 405) return `no upload endpoint at ${p.url}: --monitor should be the monitor's base URL`;
  if (status >= 300 && status < 400) {
    return `the monitor redirected${location ? ` to ${location}` : ''}; credentials are only sent to the URL given, so use the new address as --monitor`;
  }
  if (status >= 500) return 'the monitor failed; it also answers 500 to a report missing a key it reads, so check the report, then the monitor';
  return undefined;
}
