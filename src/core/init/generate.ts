/**
 * From targets to files: one draft per target, one file per family, then the files are parsed
 * with the project's own validator and every requirement is checked against what was parsed (not
 * against the drafts), so a definition that would not satisfy its entry is reported, not written
 * silently wrong.
 */
import { InputErrors } from '../errors.js';
import { parseDefinitionSources } from '../definitions/parse-definitions.js';
import type { DefinitionSet } from '../definitions/types.js';
import { capiDraft } from './capi-draft.js';
import { coverage, type Coverage } from './coverage.js';
import { distroDraft } from './distro-draft.js';
import { renderFile } from './render.js';
import type { TargetSelection } from './selection.js';
import { FAMILIES, type DraftFile, type DraftImage, type InitOptions, type Uncovered } from './types.js';

export interface InitResult {
  files: DraftFile[];
  /** The files as the validator read them (warnings included). */
  definitions: DefinitionSet;
  /** Every requirement of the written targets. */
  coverage: Coverage[];
  /** Requirements no definition was written for, with the reason. */
  uncovered: Uncovered[];
  notes: string[];
}

export interface HeaderInfo {
  /** The command line or its gist, e.g. `scs-images init --spec scs-0104-v1-images-v5`. */
  command: string;
  date: string;
}

export function generateDefinitions(selection: TargetSelection, opts: InitOptions, header: HeaderInfo): InitResult {
  const uncovered = [...selection.uncovered];
  const drafts: DraftImage[] = [];
  for (const target of selection.targets) {
    const draft = target.family === 'capi' ? capiDraft(target, opts) : distroDraft(target, opts);
    if ('reason' in draft) uncovered.push(...target.requirements.map((requirement) => ({ requirement, reason: draft.reason })));
    else drafts.push(draft);
  }

  const files: DraftFile[] = [];
  for (const family of FAMILIES) {
    const images = drafts.filter((d) => d.family === family);
    if (images.length === 0) continue;
    const fileName = `${family}.yml`;
    files.push({ family, fileName, images, text: renderFile(headerLines(header, family), images) });
  }

  let definitions: DefinitionSet;
  try {
    definitions = parseDefinitionSources(files.map((f) => ({ file: f.fileName, text: f.text })));
  } catch (e) {
    // init's own output must validate; anything else is a bug here, not the operator's input
    if (e instanceof InputErrors) throw new Error(`internal: generated definitions do not validate:\n${e.message}`);
    throw e;
  }
  return {
    files,
    definitions,
    coverage: coverage(
      drafts.flatMap((d) => d.target.requirements),
      definitions.images,
    ),
    uncovered,
    notes: [...selection.notes],
  };
}

function headerLines(h: HeaderInfo, family: string): string[] {
  return [
    `${family} image definitions (openstack-image-manager format), written by \`${h.command}\` on ${h.date}.`,
    'Every image says which entry of the standard it satisfies and why each value was chosen.',
    'Check them with `scs-images validate --images DIR`; keep versions current with `scs-images update`.',
  ];
}
