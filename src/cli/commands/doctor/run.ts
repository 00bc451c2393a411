import { writeFile } from 'node:fs/promises';
import { hasBlocker } from '../../../core/doctor/rules.js';
import { loadDefinitions } from '../../../inputs/load-definitions.js';
import { renderDoctorText } from '../../../reporters/doctor-text.js';
import { runDoctor } from '../../../usecases/doctor/run-doctor.js';
import { redactOutput } from '../../../util/redact.js';
import { useColor } from '../../colour.js';
import { assertWritableOutput } from '../../emit-report.js';
import { EXIT } from '../../exit-codes.js';
import { parseHttpUrl, usage } from '../../flags/values.js';
import { catchInterrupt } from '../../interrupt.js';
import type { DoctorRun } from './index.js';

/** `scs-images doctor`: 0 nothing blocks apply, 1 a blocker, 2 usage, 3 a cloud unreachable. */
export async function run({ flags, opts, io }: DoctorRun): Promise<number> {
  const { clouds, definitions, policy, output, clock, connection } = flags;
  if (opts.probeUrl !== undefined && !opts.probe) throw usage('--probe-url needs --probe');
  const probeUrl = opts.probeUrl !== undefined ? parseHttpUrl(opts.probeUrl, '--probe-url') : undefined;
  await assertWritableOutput(output.file);
  // bad definitions fail before any cloud is asked
  const set = definitions.path !== undefined ? await loadDefinitions(definitions.path) : undefined;
  for (const w of set?.warnings ?? []) io.stderr.write(`scs-images: warning: ${w}\n`);
  const given = (opts as Record<string, unknown>)['now'] !== undefined;
  const runClockOffsetMs = given ? clock.now.getTime() - Date.now() : 0;
  // Ctrl-C during --probe: the steps stop and the probe image is still deleted
  const interrupt = opts.probe ? catchInterrupt(io) : undefined;
  try {
    const report = await runDoctor({
      clouds: {
        clouds: clouds.selection.clouds.length > 0 ? clouds.selection.clouds : [undefined],
        allClouds: clouds.selection.allClouds,
        regions: clouds.selection.regions,
        allRegions: clouds.selection.allRegions,
        concurrency: clouds.concurrency,
        connection,
      },
      env: io.env,
      now: clock.now,
      runClockOffsetMs,
      ...(set ? { definitions: { set, tag: definitions.tag, policy, includeDisabled: definitions.includeDisabled } } : {}),
      ...(opts.probe ? { probe: { url: probeUrl, signal: interrupt?.signal } } : {}),
      cleanUp: opts.cleanUp !== false,
      say: (line) => io.stderr.write(`scs-images: ${redactOutput(line)}\n`),
    });
    for (const s of report.subjects) {
      if (s.error !== undefined) io.stderr.write(`scs-images: error: cloud ${s.cloud}: ${redactOutput(s.error)}\n`);
    }
    const text =
      output.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderDoctorText(report, { color: !output.file && useColor(output.color, io.stdout, io.env) });
    if (output.file) await writeFile(output.file, redactOutput(text));
    else io.stdout.write(redactOutput(text));
    if (interrupt?.signal.aborted) return EXIT.INTERRUPTED;
    // as in check: a cloud where apply would fail decides, then one that could not be examined
    if (report.subjects.some((s) => hasBlocker(s.findings))) return EXIT.NOT_COMPLIANT;
    return report.subjects.some((s) => s.error !== undefined) ? EXIT.INCOMPLETE : EXIT.OK;
  } finally {
    interrupt?.dispose();
  }
}
