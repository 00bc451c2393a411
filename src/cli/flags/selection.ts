/**
 * `--filter`, `--latest`, `--max-age`: which definitions a plan works on, which versions it
 * imports, and the age report (OIM's --filter, --latest, --check-age/--max-age).
 */
import type { Selection } from '../../core/plan/types.js';
import type { FlagGroup } from '../command.js';
import { parseDays, parseFilter } from './values.js';

export interface DefinitionSelection {
  selection?: Selection;
  maxAgeDays?: number;
  /** Some flag of the group was given (a plan file already carries its selection). */
  given: boolean;
}

export const selectionFlags: FlagGroup<DefinitionSelection> = {
  declare: (cmd) =>
    cmd
      .option('--filter <regex>', 'only definitions whose name this regular expression finds (images of the others are never touched)')
      .option('--latest', 'import only the newest version of each definition (older ones already there stay managed)')
      .option('--max-age <days>', "note managed images built more than DAYS before their definition's build (OIM's --check-age); changes nothing"),
  parse: (o) => {
    const selection: Selection = {};
    if (o['filter'] !== undefined) selection.filter = parseFilter(o['filter'] as string);
    if (o['latest']) selection.latestOnly = true;
    return {
      ...(Object.keys(selection).length > 0 ? { selection } : {}),
      ...(o['maxAge'] !== undefined ? { maxAgeDays: parseDays(o['maxAge'] as string, '--max-age') } : {}),
      given: o['filter'] !== undefined || o['latest'] === true || o['maxAge'] !== undefined,
    };
  },
};
