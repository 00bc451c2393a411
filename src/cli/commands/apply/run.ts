import { readPlans } from '../../../core/plan/plan-file.js';
import type { Plan } from '../../../core/plan/types.js';
import { readInputFile } from '../../../inputs/read-file.js';
import { applyJsonDocument } from '../../../reporters/apply-json.js';
import { openPlan } from '../../../usecases/apply.js';
import { isFleet, resolveTargets, type FleetTarget } from '../../../usecases/fleet.js';
import { makePlan } from '../../../usecases/plan.js';
import { VERSION } from '../../../version.js';
import { applySession, errorText, openOrStale, type ApplyView } from '../../apply-session.js';
import { mustAsk } from '../../confirm.js';
import { EXIT, ExitError } from '../../exit-codes.js';
import { runFleetCommand } from '../../fleet-view.js';
import { firstTarget, planRequest } from '../../plan-request.js';
import type { ApplyRun } from './index.js';

/**
 * `scs-images apply [plan.json]`: 0 everything applied (or nothing to do), 1 a change failed, the
 * saved plan is stale, another run holds the lease, or the confirmation was declined, 2 bad input,
 * 3 the cloud could not be reached, 130 interrupted (Ctrl-C).
 */
export async function run(run: ApplyRun): Promise<number> {
  const { flags, opts, args, io } = run;
  const planFile = args[0];
  const { definitions, output } = flags;
  if (planFile && definitions.path)
    throw new ExitError(EXIT.USAGE, 'error: give either a plan file or --images, not both (a plan file carries its definitions and flags)');
  if (!planFile && !definitions.path) throw new ExitError(EXIT.USAGE, 'error: apply needs --images PATH or a plan file from `plan --out`');
  if (planFile && flags.selection.given)
    throw new ExitError(EXIT.USAGE, 'error: --filter, --latest and --max-age choose what a plan contains; give them to `plan`, not with a plan file');
  const json = output.format === 'json';
  const approval = { planFile: planFile !== undefined, autoApprove: Boolean(opts.autoApprove || opts.yes), dryRun: opts.dryRun === true, io };
  // the question would land in the JSON on stdout; Terraform's -json refuses the same way
  if (json && mustAsk(approval))
    throw new ExitError(EXIT.USAGE, 'error: --format json cannot ask for confirmation on a terminal: add --auto-approve, or apply a plan file');
  try {
    return await applyRun(run, planFile, json, approval);
  } catch (e) {
    // CI reading stdout gets a document for every run that got past the flags; main.ts still says why on stderr
    if (json && !(e instanceof ExitError && e.code === EXIT.USAGE))
      io.stdout.write(`${JSON.stringify(applyJsonDocument({ toolVersion: VERSION, status: 'error', error: errorText(e) }), null, 2)}\n`);
    throw e;
  }
}

async function applyRun({ flags, opts, io }: ApplyRun, planFile: string | undefined, json: boolean, approval: Parameters<typeof mustAsk>[0]): Promise<number> {
  const { clouds, output, imports, connection } = flags;
  const plans = planFile ? readPlans(await readInputFile(planFile), planFile) : undefined;
  const view = (out: CliIOOut, ask: boolean): ApplyView => ({ json, ask, out, color: output.color, dryRun: opts.dryRun === true });

  if (isFleet(clouds.selection) || (plans !== undefined && plans.length > 1)) {
    if (mustAsk(approval))
      throw new ExitError(
        EXIT.USAGE,
        'error: an apply over several clouds does not ask on a terminal: add --auto-approve, or apply a plan file from `plan --out`',
      );
    // each target plans (or takes its plan from the fleet's plan file) and applies on its own; a
    // failing or unreachable cloud is that cloud's outcome, and nothing is rolled back anywhere
    const fleet = { ...clouds, json };
    const single = (target: FleetTarget) => ({ ...connection, cloud: target.cloud, region: target.region, env: io.env });
    if (planFile !== undefined && plans !== undefined) {
      const targets: FleetTarget[] = plans.map((p) => ({ cloud: p.cloud.name, region: p.cloud.region, name: p.cloud.name }));
      return runFleetCommand(targets, fleet, io, async (target, out) => {
        const plan = plans[targets.indexOf(target)] as Plan;
        const session = await openOrStale(() => openPlan(plan, planFile, single(target)));
        return applySession(session, imports, out, view(json ? out.stderr : out.stdout, false));
      });
    }
    const request = await planRequest(flags, {}, io);
    const targets = await resolveTargets(clouds.selection, request.cloud, clouds.concurrency);
    return runFleetCommand(targets, fleet, io, async (target, out) => {
      const session = await makePlan({ ...request, cloud: { ...request.cloud, cloud: target.cloud, region: target.region } });
      return applySession(session, imports, out, view(json ? out.stderr : out.stdout, false));
    });
  }

  const session = planFile
    ? await openOrStale(() => openPlan(plans?.[0] as Plan, planFile, { ...connection, ...firstTarget(clouds.selection), env: io.env }))
    : await makePlan(await planRequest(flags, firstTarget(clouds.selection), io));
  const end = await applySession(session, imports, io, view(json ? io.stderr : io.stdout, mustAsk(approval)));
  if (json) io.stdout.write(`${JSON.stringify(end.document, null, 2)}\n`);
  return end.code;
}

type CliIOOut = import('../../io.js').CliIO['stdout'];
