/**
 * Which rules a check, prediction or ensure runs: a certificate scope and its version (the
 * default), standards without a scope, or a scs-0104 spec; and whether recommended testcases count.
 */
import type { FlagGroup } from '../command.js';
import { collect } from './values.js';

export interface Rules {
  spec?: string | undefined;
  scope?: string | undefined;
  scopeVersion?: string | undefined;
  standards: string[];
  withRecommended: boolean;
  strict: boolean;
  /** `--strict-reading`: FAIL where the official test aborts on its input (default: ABORT, as the certificate shows it). */
  strictReading: boolean;
  /** Some rule was named (validate predicts only then). */
  named: boolean;
}

export interface RulesDeclaration {
  /** What the rules are for in this command, e.g. "also predict against" (validate). */
  purpose?: string;
  /** `--with-recommended` (check). */
  withRecommended?: boolean;
  strictHelp?: string;
}

export function rulesFlags(d: RulesDeclaration = {}): FlagGroup<Rules> {
  const p = d.purpose ? `${d.purpose} ` : '';
  return {
    declare: (cmd) => {
      cmd
        .option(
          '--scope <scope>',
          `${p}certificate scope: bundled scs-compatible-iaas, a file or URL (the default when neither --spec nor --standard is given)`,
        )
        .option('--scope-version <version>', 'scope version, e.g. v5.1, v4, next (default: the newest stable one)');
      if (d.withRecommended) cmd.option('--with-recommended', 'also run the recommended testcases that no scope version includes (reported apart)');
      cmd
        .option('--standard <id>', `${p}a standard without a scope: scs-0104-v1, scs-0104-v2 (draft), scs-0102-v1, scs-0102-v2 (repeatable)`, collect)
        .option('--spec <spec>', `${p}scs-0104 image spec: bundled name (scs-0104-v1-images, scs-0104-v1-images-v5), file or URL; alone it runs scs-0104 only`)
        .option('--strict', d.strictHelp ?? 'missing recommended images make the result non-compliant')
        .option(
          '--strict-reading',
          "FAIL where the official test aborts on its input (an image without custom properties or without a name, min_disk without data, recency without provided_until, ...); default: ABORT with the standard's reading as an advisory, as the certificate shows it (exit 4, inconclusive)",
        );
    },
    parse: (o) => {
      const standards = (o['standard'] as string[] | undefined) ?? [];
      const r = {
        spec: o['spec'] as string | undefined,
        scope: o['scope'] as string | undefined,
        scopeVersion: o['scopeVersion'] as string | undefined,
        standards,
        withRecommended: o['withRecommended'] === true,
        strict: o['strict'] === true,
        strictReading: o['strictReading'] === true,
      };
      return { ...r, named: r.spec !== undefined || r.scope !== undefined || r.scopeVersion !== undefined || standards.length > 0 };
    },
  };
}
