/**
 * The flags `adopt` and `fix` share: which images of the project, and the values given for them.
 * A flag group of these two commands (cli/command.ts), with the cloud, connection and clock groups.
 */
import { parseSet } from '../../../core/adopt/given-values.js';
import { InputError } from '../../../core/errors.js';
import { DEFAULT_MANAGED_TAG } from '../../../core/plan/types.js';
import type { AdoptRequest } from '../../../usecases/adopt/adopt.js';
import type { FlagGroup } from '../../command.js';
import { collect } from '../../flags/values.js';

export type AdoptChoice = Pick<AdoptRequest, 'tag' | 'choice' | 'given'>;

export const adoptChoiceFlags: FlagGroup<AdoptChoice> = {
  declare: (cmd) =>
    cmd
      .option('--image <name-or-id>', 'only this image of your project, any visibility (repeatable; --set applies to these)', collect)
      .option('--filter <regex>', 'only images whose name matches this regular expression')
      .option('--set <key=value>', 'a value you give, e.g. os_distro=ubuntu (for the --image images, else all selected; repeatable)', collect)
      .option('--values <file>', 'a YAML mapping of image name or id to its values (see docs/adopt.md)')
      .option('--tag <tag>', 'the tag that marks managed images', DEFAULT_MANAGED_TAG),
  parse: (o) => {
    let filter: RegExp | undefined;
    if (o['filter'] !== undefined) {
      try {
        filter = new RegExp(o['filter'] as string);
      } catch (e) {
        throw new InputError({ file: '--filter', field: o['filter'] as string }, `not a regular expression: ${(e as Error).message}`);
      }
    }
    return {
      tag: o['tag'] as string,
      choice: { images: (o['image'] as string[] | undefined) ?? [], filter },
      given: { sets: ((o['set'] as string[] | undefined) ?? []).map(parseSet), valuesFile: o['values'] as string | undefined },
    };
  },
};
