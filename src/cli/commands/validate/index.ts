import { defineCommand, type CommandRun, type ParsedOptions } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { definitionsFlags } from '../../flags/definitions.js';
import { EXPLAIN_HELP, outputFlags } from '../../flags/output.js';
import { rulesFlags } from '../../flags/rules.js';
import { USAGE_EXIT } from '../../help.js';

const groups = {
  definitions: definitionsFlags({ required: true, tagHelp: 'the managed tag the images would carry' }),
  rules: rulesFlags({ purpose: 'also predict against this', strictHelp: 'recommended testcases count' }),
  output: outputFlags({
    formatHelp: 'format of the prediction report; without --spec, --scope or --standard, json prints the validation result',
    file: 'write the prediction report to a file',
    explain: EXPLAIN_HELP,
  }),
  clock: clockFlags('the scope version, recency and the predicted registration date'),
};

/** What the handler gets (cli/command.ts). */
export type ValidateRun = CommandRun<typeof groups, ParsedOptions>;

export const validate = defineCommand()({
  name: 'validate',
  description: 'validate image definitions (OIM format); errors name file, line and column',
  groups,
  help: {
    examples: [
      ['scs-images validate --images images/', 'every problem of every file, with file:line:column'],
      ['scs-images validate --images images/ --spec scs-0104-v1-images-v5', 'also predict: would the cloud pass scs-0104 after apply?'],
      ['scs-images validate --images images/ --scope-version v5.1 --format json -o prediction.json', 'predict for scope version v5.1, as JSON'],
    ],
    exitCodes: [
      [EXIT.OK, 'valid (and, when predicting, the cloud would comply)'],
      [EXIT.NOT_COMPLIANT, 'the prediction is not compliant'],
      USAGE_EXIT,
      [EXIT.INCOMPLETE, 'the prediction has no verdict'],
      [EXIT.INCONCLUSIVE, 'the prediction is inconclusive: the official test would abort on some image'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
