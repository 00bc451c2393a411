import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { oneCloudFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { rulesFlags } from '../../flags/rules.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';
import { adoptChoiceFlags } from './request.js';

const groups = {
  cloud: oneCloudFlags(),
  images: adoptChoiceFlags,
  rules: rulesFlags({ purpose: 'predict the adopted images against this' }),
  clock: clockFlags('the registration date and the prediction'),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type AdoptRun = CommandRun<typeof groups, { out?: string; force?: boolean }>;

export const adopt = defineCommand<{ out?: string; force?: boolean }>()({
  name: 'adopt',
  description:
    "write definitions (OIM format) for your project's existing public and community images, with what was inferred and what is missing in comments; changes nothing on the cloud",
  groups,
  options: (cmd) =>
    cmd
      .option('--out <dir>', 'directory to write adopted.yml to (created if missing); without it the file is printed')
      .option('--force', 'overwrite an existing adopted.yml'),
  help: {
    examples: [
      ['scs-images adopt --cloud mycloud --out adopted/', 'then: scs-images plan --images adopted/ --cloud mycloud'],
      ['scs-images adopt --cloud mycloud --image Debian12 --set architecture=x86_64 --out adopted/', 'give a value nothing could infer'],
      ['scs-images adopt --cloud mycloud --out adopted/ --standard scs-0102-v1', 'and predict what the adopted images would still miss'],
    ],
    exitCodes: [
      [EXIT.OK, 'every selected image was adopted'],
      [EXIT.NOT_COMPLIANT, 'some images need values nothing could infer (the others were written), or the prediction is not compliant'],
      USAGE_EXIT,
      UNREACHABLE_EXIT,
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
