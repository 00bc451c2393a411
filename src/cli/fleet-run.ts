/**
 * A command over several clouds/regions (usecases/fleet.ts): each target runs the single-cloud
 * command with its own buffered output, printed as one block when it ends (so blocks of targets
 * running at once never interleave), then a summary line per target; the exit code is the worst.
 * With `-f json` stdout is one document holding each target's own document and outcome.
 */
import { Writable } from 'node:stream';
import { redactOutput } from '../util/redact.js';
import { runFleet, targetLabel, type FleetOutcome, type FleetTarget } from '../usecases/fleet.js';
import { EXIT, errorExit, ExitError } from './exit-codes.js';
import type { CliIO } from './io.js';

export interface TargetResult {
  code: number;
  stdout: string;
  stderr: string;
}

function bufferIO(io: CliIO): { io: CliIO; out: () => string; err: () => string } {
  const sink = () => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    return { stream, text: () => text };
  };
  const out = sink();
  const err = sink();
  return { io: { env: io.env, stdout: out.stream, stderr: err.stream }, out: out.text, err: err.text };
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

const SEVERITY = [EXIT.OK, EXIT.NOT_COMPLIANT, EXIT.USAGE, EXIT.INCOMPLETE, EXIT.INTERRUPTED] as number[];

/** The worst of several exit codes: interrupted > could not finish > bad input > failed > ok. */
export function worstExit(codes: readonly number[]): number {
  return codes.reduce((worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst), EXIT.OK as number);
}

/**
 * Run `perTarget` (the single-cloud command, writing to the io it is given) on every target and
 * report. A thrown error is that target's exit code and message (main.ts's mapping), never the run's.
 */
export async function runFleetCommand(
  targets: readonly FleetTarget[],
  run: { concurrency: number; failFast: boolean; json: boolean },
  io: CliIO,
  perTarget: (target: FleetTarget, io: CliIO) => Promise<number>,
): Promise<number> {
  const outcomes = await runFleet<TargetResult>(targets, { ...run, failed: (r) => r.code !== EXIT.OK }, async (target) => {
    const buf = bufferIO(io);
    let code: number;
    try {
      code = await perTarget(target, buf.io);
    } catch (e) {
      code = errorExit(e);
      const message = e instanceof Error ? e.message : String(e);
      if (message) buf.io.stderr.write(`scs-images: ${message.startsWith('error: ') || e instanceof ExitError ? '' : 'error: '}${redactOutput(message)}\n`);
    }
    const result = { code, stdout: buf.out(), stderr: buf.err() };
    const label = targetLabel(target);
    if (!run.json) io.stdout.write(`\n== ${label} ==\n${result.stdout}`);
    for (const line of result.stderr.split('\n').filter((l) => l !== '')) io.stderr.write(`[${label}] ${line}\n`);
    return result;
  });
  const codes = outcomes.map(codeOf);
  const exit = worstExit(codes);
  if (run.json) {
    io.stdout.write(`${JSON.stringify({ fleet: outcomes.map((o) => fleetEntry(o)), exitCode: exit }, null, 2)}\n`);
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

function fleetEntry(o: FleetOutcome<TargetResult>): Record<string, unknown> {
  const base = { cloud: o.target.cloud ?? null, region: o.target.region ?? null };
  if ('skipped' in o) return { ...base, outcome: 'skipped' };
  if ('error' in o)
    return {
      ...base,
      outcome: outcomeWord(errorExit(o.error)),
      exitCode: errorExit(o.error),
      error: redactOutput(String((o.error as Error)?.message ?? o.error)),
    };
  let document: unknown;
  try {
    document = o.value.stdout.trim() === '' ? undefined : JSON.parse(o.value.stdout);
  } catch {
    document = undefined;
  }
  const errors = o.value.stderr.split('\n').filter((l) => l.startsWith('scs-images: error') || l.startsWith('scs-images: internal error'));
  return {
    ...base,
    outcome: outcomeWord(o.value.code),
    exitCode: o.value.code,
    ...(document !== undefined ? { document } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  };
}
