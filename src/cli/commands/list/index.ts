import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { oneCloudFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { definitionsFlags } from '../../flags/definitions.js';
import { outputFlags } from '../../flags/output.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';

const groups = {
  definitions: definitionsFlags({
    imagesHelp: "image definitions (a file or directory); with --cloud they name each image's definition",
    tagHelp: 'tag that marks managed images',
  }),
  cloud: oneCloudFlags('list the managed images of this cloud (from clouds.yaml)'),
  output: outputFlags({ formats: ['text', 'markdown', 'json'] as const, formatHelp: 'output format' }),
  clock: clockFlags('image ages and the scs-0102 date rules'),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type ListRun = CommandRun<typeof groups, { passwords?: boolean }>;

export const list = defineCommand<{ passwords?: boolean }>()({
  name: 'list',
  description: "a table of image definitions (--images), or of the cloud's managed images with version, visibility, hidden, age and SCS verdicts (--cloud)",
  groups,
  options: (cmd) => cmd.option('--passwords', "with --images: also the definitions' login passwords (OIM's table shows them)"),
  help: {
    examples: [
      ['scs-images list --images etc/images/', 'every definition: versions, OS, login user and password (OIM contrib/table.py)'],
      ['scs-images list --cloud prod --images etc/images/ -f markdown', 'the managed images of prod, with SCS verdicts, as Markdown'],
      ['scs-images list --cloud prod -f json', 'the same as JSON'],
    ],
    exitCodes: [[EXIT.OK, 'the table was printed'], USAGE_EXIT, UNREACHABLE_EXIT],
  },
  handler: async () => (await import('./run.js')).run,
});
