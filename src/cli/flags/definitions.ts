/** `--images`, `--tag`, `--force`: which definitions, and which images count as managed. */
import { DEFAULT_MANAGED_TAG } from '../../core/plan/types.js';
import type { FlagGroup } from '../command.js';

export interface Definitions {
  /** A definitions file or directory; undefined where the command also works without one. */
  path?: string | undefined;
  /** The tag that marks managed images. */
  tag: string;
  /** `--force`: also definitions with `enable: false`. */
  includeDisabled: boolean;
}

const IMAGES_HELP = 'image definitions: a file or a directory of *.yml/*.yaml (OIM format)';

export interface DefinitionsDeclaration {
  required?: boolean;
  imagesHelp?: string;
  /** `--force` (plan, apply, ensure). */
  force?: boolean;
  /** `--tag`'s help. */
  tagHelp?: string;
}

export function definitionsFlags(d: DefinitionsDeclaration = {}): FlagGroup<Definitions> {
  return {
    declare: (cmd) => {
      if (d.required) cmd.requiredOption('--images <path>', d.imagesHelp ?? IMAGES_HELP);
      else cmd.option('--images <path>', d.imagesHelp ?? IMAGES_HELP);
      cmd.option('--tag <tag>', d.tagHelp ?? 'tag that marks managed images; only images with it, owned by your project, are changed', DEFAULT_MANAGED_TAG);
      if (d.force) cmd.option('--force', 'also process definitions with enable: false');
    },
    parse: (o) => ({ path: o['images'] as string | undefined, tag: o['tag'] as string, includeDisabled: o['force'] === true }),
  };
}
