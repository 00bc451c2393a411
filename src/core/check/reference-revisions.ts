import type { RuleSet } from './rule-sets.js';

/**
 * The revision of the official SCS test that each kind of rule set was aligned with, named in every
 * report (`modules[].reference`), so that a user can tell when the official test has moved on and
 * this tool needs an update. Change it only together with the rules (and docs/fidelity.md).
 */
export const REFERENCE_REVISIONS: Readonly<Record<RuleSet['kind'], string>> = {
  'scs-0104-v1': 'standards main of 2026-08-21 (077174d9; its scs-0104 v1 test last changed 2026-02-26)',
  'scs-0102': 'standards main of 2026-08-21 (077174d9)',
  'scs-0104-v2': 'standards main of 2026-09-11 (pull request #1276)',
};
