import { defineCommand, type CommandRun, type ParsedOptions } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { definitionsFlags } from '../../flags/definitions.js';
import { importFlags } from '../../flags/imports.js';
import { outputFlags } from '../../flags/output.js';
import { policyFlags } from '../../flags/policy.js';
import { rulesFlags } from '../../flags/rules.js';
import { USAGE_EXIT } from '../../help.js';

const groups = {
  definitions: definitionsFlags({ required: true, force: true }),
  clouds: fleetFlags('worked on', { failFast: true }),
  policy: policyFlags,
  rules: rulesFlags({ strictHelp: 'recommended testcases count' }),
  imports: importFlags,
  output: outputFlags({ formatHelp: 'format of the final check report', file: 'write the final check report to a file', color: true }),
  clock: clockFlags(
    'which versions are outdated (uuid_validity), the registration date of new images, the prediction and the check (one instant for all three)',
  ),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type EnsureRun = CommandRun<typeof groups, ParsedOptions>;

export const ensure = defineCommand()({
  name: 'ensure',
  description: 'validate and predict, apply, then check: the cloud ends compliant, or the command says what is still unmet',
  groups,
  help: {
    examples: [
      ['scs-images ensure --images images/ --cloud mycloud', 'the newest stable SCS-compatible IaaS scope version'],
      [
        'scs-images ensure --images images/ --cloud mycloud --spec scs-0104-v1-images-v5 --format html -o report.html',
        'scs-0104 only, the final report as HTML',
      ],
    ],
    exitCodes: [
      [EXIT.OK, 'the cloud is compliant'],
      [EXIT.NOT_COMPLIANT, 'the definitions cannot make it comply, an apply step failed, or the final check fails'],
      USAGE_EXIT,
      [EXIT.INCOMPLETE, 'no verdict (cloud unreachable, listing incomplete)'],
      [EXIT.INCONCLUSIVE, 'inconclusive: nothing failed, but the official test aborts on some image (the SCS dashboard shows ✅*)'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
