import { loadDefinitions } from '../../definitions/load-definitions.js';
import type { ReportFormat } from '../../reporters/index.js';
import { EXIT } from '../exit-codes.js';
import { parseNow } from '../options.js';
import type { CliIO } from '../main.js';
import { runApply, type ApplyCmdOptions } from './apply.js';
import { runCheck } from './check.js';
import { runPrediction } from './predict.js';

export interface EnsureOptions extends ApplyCmdOptions {
  images: string;
  spec?: string;
  standard: string[];
  scope?: string;
  scopeVersion?: string;
  strict: boolean;
  format: ReportFormat;
  output?: string;
}

/** A sink for the sub-steps' machine output while ensure talks to the operator. */
const toStderr = (io: CliIO): CliIO => ({ ...io, stdout: io.stderr });

/**
 * `scs-images ensure`: validate (and predict), plan + apply, then check. The cloud ends compliant
 * (exit 0), or the command ends non-zero saying what is still unmet: 1 when the definitions cannot
 * make it comply, an apply step failed, or the check still fails; 2 bad input; 3 no verdict.
 */
export async function runEnsure(opts: EnsureOptions, io: CliIO): Promise<number> {
  const say = (s: string) => io.stderr.write(`ensure: ${s}\n`);
  const target = { spec: opts.spec, standard: opts.standard, scope: opts.scope, scopeVersion: opts.scopeVersion };
  // one clock for the whole run: the prediction, the plan and the check see the same instant
  const now = parseNow(opts.now).toISOString();

  say(`1/3 validating ${opts.images} and predicting the result`);
  const defs = await loadDefinitions(opts.images);
  for (const w of defs.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
  const predicted = await runPrediction(
    { images: opts.images, ...target, tag: opts.tag, now, strict: opts.strict, format: 'text', explain: false },
    defs,
    toStderr(io),
  );
  if (predicted !== EXIT.OK) {
    say('the definitions cannot make the cloud comply (see the prediction above); nothing was changed');
    return predicted;
  }

  say('2/3 applying the definitions');
  const applied = await runApply(undefined, { ...opts, now, dryRun: false }, toStderr(io));
  if (applied !== EXIT.OK) {
    say('apply did not finish cleanly (see above); the cloud was not checked');
    return applied;
  }

  say('3/3 checking the cloud');
  const checked = await runCheck(
    {
      cloud: opts.cloud ? [opts.cloud] : [],
      allClouds: false,
      ...(opts.region ? { region: opts.region } : {}),
      concurrency: '1',
      ...(opts.spec ? { spec: opts.spec } : {}),
      standard: opts.standard,
      ...(opts.scope ? { scope: opts.scope } : {}),
      ...(opts.scopeVersion ? { scopeVersion: opts.scopeVersion } : {}),
      withRecommended: false,
      visibility: 'public,community',
      includeHidden: false,
      allCommunity: false,
      collapseDuplicates: false,
      strict: opts.strict,
      format: opts.format,
      ...(opts.output ? { output: opts.output } : {}),
      now,
      timeout: opts.timeout,
      insecure: opts.insecure,
      verbose: false,
      explain: false,
      color: opts.color,
      debug: opts.debug,
    },
    io,
  );
  say(checked === EXIT.OK ? 'the cloud is compliant' : 'the cloud is still not compliant: the report above names each unmet testcase and image');
  return checked;
}
