/**
 * What happens to superseded and outdated versions: `--hide` (os_hidden, the default),
 * `--no-hide`, `--hide-community`, `--deactivate`, `--delete` with its confirmation, `--prune`.
 * `manage` has OIM's own flags for this (cli/commands/manage/).
 */
import type { OutdatedPolicy } from '../../core/plan/types.js';
import type { FlagGroup } from '../command.js';
import { usage } from './values.js';

/**
 * OIM's `--hide` switches images to community visibility; here `--hide` is os_hidden (already the
 * default) and OIM's meaning is `--hide-community`. An OIM user typing `--hide` would get the other
 * behaviour without a word, so an explicit `--hide` is answered with this line (not when
 * `--hide-community` is given too: whoever types both knows there are two).
 */
export function hideWarning(opts: { hide?: unknown; hideCommunity?: unknown }): string | undefined {
  if (opts.hide !== true || opts.hideCommunity) return undefined;
  return "--hide here hides superseded and outdated versions with os_hidden (already the default); OIM's --hide (public → community visibility) is --hide-community here";
}

export const policyFlags: FlagGroup<OutdatedPolicy> = {
  declare: (cmd) =>
    cmd
      .option('--hide', "hide superseded and outdated versions with os_hidden (the default; not OIM's --hide, that is --hide-community)")
      .option('--no-hide', 'leave superseded and outdated versions listed')
      .option('--hide-community', "hide by switching public images to community visibility (OIM's --hide) instead of os_hidden")
      .option('--deactivate', 'deactivate outdated versions (beyond uuid_validity)')
      .option('--delete', 'delete outdated versions; needs --yes-i-really-know-what-i-do')
      .option('--yes-i-really-know-what-i-do', 'confirms --delete')
      .option('--prune', 'managed images that no definition claims (definition removed) count as outdated'),
  parse: (o, io) => {
    // before anything is read, so the line comes first and also on a failing run
    const warning = hideWarning(o);
    if (warning) io.stderr.write(`scs-images: warning: ${warning}\n`);
    if (o['delete'] && !o['yesIReallyKnowWhatIDo'])
      throw usage('--delete deletes images other projects may still use; add --yes-i-really-know-what-i-do to confirm');
    // --hide has no default (so an explicit --hide can be told apart): only --no-hide makes it false
    if (o['hideCommunity'] && o['hide'] === false) throw usage('--hide-community and --no-hide exclude each other');
    return {
      hide: o['hideCommunity'] ? 'community' : o['hide'] === false ? 'none' : 'os_hidden',
      deactivate: o['deactivate'] === true,
      delete: o['delete'] === true,
      prune: o['prune'] === true,
    };
  },
};
