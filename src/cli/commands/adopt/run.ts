import { describeNeeds } from '../../../core/adopt/build-definitions.js';
import { adoptFromCloud } from '../../../usecases/adopt/adopt.js';
import { EXIT } from '../../exit-codes.js';
import { predictionCommand } from '../../prediction.js';
import type { AdoptRun } from './index.js';

/**
 * `scs-images adopt`: the project's existing images → definitions in --out (or on stdout), read
 * back and validated. Exit 0 when every selected image was adopted, 1 when some need values.
 */
export async function run({ flags, opts, io }: AdoptRun): Promise<number> {
  const { images, rules, clock } = flags;
  const outcome = await adoptFromCloud({
    ...images,
    cloud: { ...flags.connection, ...flags.cloud, env: io.env },
    now: clock.now,
    out: opts.out,
    force: opts.force ?? false,
  });
  const { result } = outcome;
  if (outcome.text !== undefined && opts.out === undefined) io.stdout.write(outcome.text);
  const say = (s: string) => (opts.out === undefined ? io.stderr : io.stdout).write(s);
  const adopted = result.definitions.reduce((n, d) => n + d.images.length, 0);
  if (outcome.readBack) {
    say(`wrote ${outcome.written.join(', ')}: ${result.definitions.length} definition(s) for ${adopted} image(s); validated: valid\n`);
    for (const w of outcome.readBack.warnings) io.stderr.write(`scs-images: warning: ${w}\n`);
    say(`next: scs-images plan --images ${opts.out} shows the adoption; nothing on the cloud has changed\n`);
  } else if (outcome.text === undefined) {
    say('no image could be adopted\n');
  }
  for (const n of result.notes) io.stderr.write(`scs-images: note: ${n}\n`);
  for (const n of result.needsValues) io.stderr.write(`scs-images: needs values: ${describeNeeds(n)}\n`);
  let predicted: number = EXIT.OK;
  if (rules.named && outcome.readBack && opts.out !== undefined) {
    // the prediction of validate --spec/--scope: the adopted images as plan and apply would leave them
    predicted = await predictionCommand(
      { definitions: outcome.readBack, label: opts.out, tag: images.tag, rules, clock },
      { format: 'text', color: false, verbose: false, explain: false },
      io,
    );
  } else if (rules.named) {
    io.stderr.write('scs-images: note: the prediction needs written definitions (--out) and at least one adopted image\n');
  }
  return result.needsValues.length > 0 || predicted !== EXIT.OK ? EXIT.NOT_COMPLIANT : EXIT.OK;
}
