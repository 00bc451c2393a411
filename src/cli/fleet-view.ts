/**
 * How a command over several clouds/regions is shown. The work runs in the fleet engine
 * (usecases/fleet.ts) and each target returns a typed result: its exit code and, for `-f json`,
 * its document. The text a target writes for people is buffered and printed as one block when it
 * ends (blocks of targets running at once never interleave), its stderr lines are prefixed with
 * its label, and a summary line per target follows. With `-f json` stdout is one document holding
 * each target's own document and outcome, built from the typed results.
 */
import { Writable } from 'node:stream';
import { safeOutput } from '../util/redact.js';
import { runFleet, targetLabel, type FleetOutcome, type FleetTarget } from '../usecases/fleet.js';
import { EXIT, errorExit, worstExit } from './exit-codes.js';
import type { CliIO } from './io.js';

/** What one target of a fleet run ended with. */
export interface TargetResult {
  code: number;
  /** The target's document for `-f json` (absent when it stopped before it had one). */
  document?: unknown;
}

function textSink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** What a target's exit code says, for the summary. */
export function outcomeWord(code: number): string {
  if (code === EXIT.OK) return 'ok';
  if (code === EXIT.NOT_COMPLIANT) return 'failed';
  if (code === EXIT.USAGE) return 'bad input';
  if (code === EXIT.INCOMPLETE) return 'could not finish (unreachable?)';
  if (code === EXIT.INTERRUPTED) return 'interrupted';
  return `exit ${code}`;
}

/** An error as main.ts prints it, without its prefix: redacted (it may quote a cloud's answer). */
function errorMessage(e: unknown): string {
  return safeOutput((e instanceof Error ? e.message : String(e)).replace(/^error: /, ''));
}

/**
 * Run `perTarget` on every target and show the outcomes. `perTarget` writes its text for people
 * to the io it is given and returns its typed result; a thrown error is that target's outcome
 * (main.ts's mapping to an exit code), never the run's.
 */
export async function runFleetCommand(
  targets: readonly FleetTarget[],
  run: { concurrency: number; failFast: boolean; json: boolean },
  io: CliIO,
  perTarget: (target: FleetTarget, io: CliIO) => Promise<TargetResult>,
): Promise<number> {
  const outcomes = await runFleet<TargetResult>(targets, { ...run, failed: (r) => r.code !== EXIT.OK }, async (target) => {
    const out = textSink();
    const err = textSink();
    const label = targetLabel(target);
    try {
      return await perTarget(target, { env: io.env, stdout: out.stream, stderr: err.stream });
    } catch (e) {
      err.stream.write(`scs-images: error: ${errorMessage(e)}\n`);
      throw e;
    } finally {
      if (!run.json) io.stdout.write(`\n== ${label} ==\n${out.text()}`);
      for (const line of err
        .text()
        .split('\n')
        .filter((l) => l !== ''))
        io.stderr.write(`[${label}] ${line}\n`);
    }
  });
  const codes = outcomes.map(codeOf);
  const exit = worstExit(codes);
  if (run.json) {
    io.stdout.write(`${JSON.stringify({ fleet: outcomes.map((o, i) => fleetEntry(o, codes[i] as number)), exitCode: exit }, null, 2)}\n`);
  } else {
    io.stdout.write(`\nSummary (${targets.length} cloud${targets.length === 1 ? '' : 's'}/regions, exit ${exit}):\n`);
    for (const [i, o] of outcomes.entries())
      io.stdout.write(`  ${targetLabel(o.target)}: ${'skipped' in o ? 'skipped (--fail-fast)' : `${outcomeWord(codes[i] as number)} (exit ${codes[i]})`}\n`);
  }
  return exit;
}

function codeOf(o: FleetOutcome<TargetResult>): number {
  if ('value' in o) return o.value.code;
  if ('error' in o) return errorExit(o.error);
  return EXIT.OK;
}

function fleetEntry(o: FleetOutcome<TargetResult>, code: number): Record<string, unknown> {
  const base = { cloud: o.target.name ?? o.target.cloud ?? null, region: o.target.region ?? null };
  if ('skipped' in o) return { ...base, outcome: 'skipped' };
  if ('error' in o) return { ...base, outcome: outcomeWord(code), exitCode: code, errors: [errorMessage(o.error)] };
  return { ...base, outcome: outcomeWord(code), exitCode: code, ...(o.value.document !== undefined ? { document: o.value.document } : {}) };
}
