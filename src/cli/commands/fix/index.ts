import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { oneCloudFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';
import { adoptChoiceFlags } from '../adopt/request.js';

const groups = {
  cloud: oneCloudFlags(),
  images: adoptChoiceFlags,
  clock: clockFlags('the registration date of the repaired images'),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type FixRun = CommandRun<typeof groups, { out?: string; color?: boolean }>;

export const fix = defineCommand<{ out?: string; color?: boolean }>()({
  name: 'fix',
  description:
    "plan the property repairs that make your project's unmanaged images pass scs-0102 and scs-0104's image_source, from your values and what can be inferred; apply carries the plan out",
  groups,
  options: (cmd) => cmd.option('--out <file>', 'write the plan for `scs-images apply FILE`').option('--color', 'colours even when stdout is not a terminal'),
  help: {
    examples: [
      ['scs-images fix --cloud mycloud --out fix.json && scs-images apply fix.json', 'repair, then apply the plan'],
      ["scs-images fix --cloud mycloud --image 'Ubuntu 24.04 LTS' --set architecture=x86_64 --out fix.json", 'give a value'],
      ['scs-images fix --cloud mycloud --values values.yml --out fix.json', 'values per image from a file'],
    ],
    exitCodes: [
      [EXIT.OK, 'every selected image can be repaired (or needs nothing)'],
      [EXIT.NOT_COMPLIANT, 'some images need values nothing could infer (the plan repairs the rest)'],
      USAGE_EXIT,
      UNREACHABLE_EXIT,
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
