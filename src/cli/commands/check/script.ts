/**
 * `check --script`: scs-images as the official runner's test script for the image testcases
 * (reporters/runner-script.ts says what the runner reads). Exit 0 when verdicts were printed,
 * FAILs included; 1 when the cloud could not be checked (unknown or unreachable cloud, refused
 * login, incomplete listing, or credentials the official pre-flight refuses), every id then ABORT
 * with CRITICAL lines: what the official script does, so the runner records the same.
 */
import { ELEVATED_ROLES } from '../../../core/check/counted-advisories.js';
import { InputError } from '../../../core/errors.js';
import { ConfigError, OpenStackError } from '../../../openstack/errors.js';
import { abortAll, renderScript, type ScriptOutput } from '../../../reporters/runner-script.js';
import { runCheck } from '../../../usecases/check/run-check.js';
import { safeOutput } from '../../../util/redact.js';
import { EXIT } from '../../exit-codes.js';
import { imageSource } from '../../flags/catalogue.js';
import { usage } from '../../flags/values.js';
import type { CheckRun } from './index.js';
import { checkRequest } from './request.js';

export async function runScript(command: CheckRun): Promise<number> {
  const { flags, opts, args, io } = command;
  const words = (args[0] as unknown as string[] | undefined) ?? [];
  const ids = words.filter((w) => w.startsWith('scs-'));
  const ignored = words.filter((w) => !w.startsWith('scs-'));
  if (flags.output.file !== undefined || flags.output.format !== 'text')
    throw usage("--script writes the runner's verdict lines on stdout; it takes no --format or --output");
  if (opts.subject !== undefined) throw usage('--script: the runner names the subject in its own report; give --subject to the runner (-s)');
  const source = imageSource(flags.catalogue, flags.clouds, flags.connection);
  const sel = flags.clouds.selection;
  if (sel.allClouds || sel.allRegions || sel.clouds.length > 1 || sel.regions.length > 1)
    throw usage('--script checks one cloud: the runner runs its script once per subject');
  const write = (out: ScriptOutput): number => {
    io.stdout.write(out.stdout.map((l) => `${l}\n`).join(''));
    io.stderr.write(out.stderr.map((l) => `${safeOutput(l)}\n`).join(''));
    return out.stdout.length;
  };

  let report: Awaited<ReturnType<typeof runCheck>>;
  try {
    report = await runCheck(checkRequest(command, source, ids));
  } catch (e) {
    // a cloud clouds.yaml does not know, or a broken entry: the official script's pre-flight fails
    if (!(e instanceof ConfigError || (e instanceof OpenStackError && !(e instanceof InputError)))) throw e;
    write(abortAll(ids, [e.message, 'Please make sure that clouds.yaml exists and names this cloud correctly']));
    return EXIT.NOT_COMPLIANT;
  }
  const subject = report.subjects[0];
  if (!subject) throw new Error('a check of one cloud reported no subject');
  const all = ids.length > 0 ? ids : subject.testcases.map((t) => t.id);
  if (subject.error !== undefined) {
    // the official pre-flight says the same two things when it cannot connect
    write(abortAll(all, ['Please make sure that clouds.yaml exists and is correct', subject.error]));
    return EXIT.NOT_COMPLIANT;
  }
  const roles = subject.subject.connection?.roles;
  if (roles !== undefined) {
    const elevated = roles.filter((r) => ELEVATED_ROLES.includes(r));
    const refused =
      elevated.length > 0
        ? `the credentials have the ${elevated.join(' and ')} role; the official test refuses them (they list images a member cannot see), so this run does too: use a user with the member role only`
        : !roles.includes('member')
          ? 'the credentials lack the member role in the project; the official test refuses them'
          : undefined;
    if (refused) {
      write(abortAll(all, [refused]));
      return EXIT.NOT_COMPLIANT;
    }
  }
  write(renderScript(report, subject, ids, ignored));
  return EXIT.OK;
}
