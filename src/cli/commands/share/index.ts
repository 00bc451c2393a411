import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { oneCloudFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { UNREACHABLE_EXIT, USAGE_EXIT } from '../../help.js';

export interface ShareOwnFlags {
  image: string;
  project?: string;
  domain?: string;
  domainProjects?: string;
  remove?: boolean;
  accept?: boolean;
}

const groups = { cloud: oneCloudFlags(), connection: connectionFlags() };

/** What the handler gets (cli/command.ts). */
export type ShareRun = CommandRun<typeof groups, ShareOwnFlags>;

export const share = defineCommand<ShareOwnFlags>()({
  name: 'share',
  description: 'share an image with a project or every project of a domain (or stop sharing it)',
  groups,
  options: (cmd) =>
    cmd
      .requiredOption('--image <name-or-id>', 'an image of your project')
      .option('--project <name-or-id>', 'the project to share with')
      .option('--domain <name-or-id>', "the project's domain (when the name is not unique)")
      .option('--domain-projects <domain>', 'share with every project of this domain')
      .option('--remove', 'stop sharing instead')
      .option('--accept', 'also set the membership to accepted (needs admin rights, or the member project itself)'),
  help: {
    examples: [
      ["scs-images share --image 'Ubuntu 24.04' --project partner --cloud mycloud", 'share with the project partner'],
      ["scs-images share --image 'Ubuntu 24.04' --domain-projects customers --cloud mycloud", 'every project of the domain customers'],
      ["scs-images share --image 'Ubuntu 24.04' --project partner --remove --cloud mycloud", 'stop sharing it'],
    ],
    exitCodes: [[EXIT.OK, 'done for every project'], [EXIT.NOT_COMPLIANT, 'some project failed (the others were done)'], USAGE_EXIT, UNREACHABLE_EXIT],
  },
  handler: async () => (await import('./run.js')).run,
});
