import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { catalogueFlags } from '../../flags/catalogue.js';
import { clockFlags } from '../../flags/clock.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { EXPLAIN_HELP, outputFlags, REPORT_FILE_HELP } from '../../flags/output.js';
import { rulesFlags } from '../../flags/rules.js';
import { collect } from '../../flags/values.js';
import { USAGE_EXIT } from '../../help.js';

const groups = {
  clouds: fleetFlags('checked'),
  catalogue: catalogueFlags({
    verb: 'check',
    imagesFileHelp: 'check an exported image list instead of a cloud (Glance JSON, `openstack image list --long -f json`, `openstack image show -f json`)',
    includeHiddenHelp: 'also check images with os_hidden=true (the official test never sees them)',
    collapseDuplicates: true,
  }),
  rules: rulesFlags({ withRecommended: true }),
  output: outputFlags({
    file: REPORT_FILE_HELP,
    verbose: 'also list the images each passing testcase matched',
    explain: EXPLAIN_HELP,
    color: true,
  }),
  clock: clockFlags("the scope version picked by default, recency, uuid_validity, build dates in the future and the v2 draft's release deadlines"),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export interface CheckOwnFlags {
  script?: boolean;
  /** `--subject NAME`, or `CLOUD=NAME` per cloud (repeatable). */
  subject?: string[];
  /** `--owner PROJECT_ID|self`: also a view of only that project's images (never the official verdict). */
  owner?: string;
}
export type CheckRun = CommandRun<typeof groups, CheckOwnFlags>;

/** The scope file's line for the official runner (scs-compliance-check) to run scs-images as the image testcases' script. */
export const RUNNER_ARGS = 'check --script --cloud {os_cloud} {testcases}';

export const check = defineCommand<CheckOwnFlags>()({
  name: 'check',
  description: 'check a cloud (or an exported image list) against the SCS-compatible IaaS scope (scs-0102 and scs-0104), or against one standard or spec',
  arguments: [['[testcases...]', "run exactly these testcase ids (as the official runner passes them), instead of the scope version's set"]],
  groups,
  options: (cmd) =>
    cmd
      .option(
        '--script',
        "the official runner's test-script contract: one '<id>: PASS|FAIL|ABORT' line per testcase on stdout, LEVEL: lines on stderr, exit 0 when verdicts were printed, 1 when the cloud could not be checked (see --help)",
      )
      .option(
        '--subject <name>',
        'the certificate subject the SCS YAML report names (the monitor account it is uploaded for); CLOUD=NAME for one of several clouds (repeatable; default: the cloud name)',
        collect,
      )
      .option(
        '--owner <project>',
        "also check only the images this project owns (a project id, or 'self' for the credentials' project), reported apart as NOT the official verdict (text and JSON; the exit code stays the official one)",
      ),
  helpText: `
Inside the official SCS runner: in a copy of the scope file, give the image testcases' script
entry the executable bin/scs-images (an absolute path: the runner does not search PATH) and
  args: ${RUNNER_ARGS}
The runner passes the cloud and the sorted testcase ids; --script prints one verdict line per id
and nothing else on stdout, logs as the official script does, refuses admin and manager
credentials as its pre-flight does, and ABORTs every id (exit 1) when the cloud cannot be checked.`,
  help: {
    examples: [
      ['scs-images check --cloud mycloud', 'the newest stable scope version (scs-0102 + scs-0104)'],
      ['scs-images check --cloud mycloud --spec scs-0104-v1-images-v5 --format junit -o report.xml', 'scs-0104 only, as JUnit for CI'],
      ['scs-images check --images-file images.json --format html -o report.html', 'an export instead of a cloud (Glance GET /v2/images JSON)'],
    ],
    exitCodes: [
      [EXIT.OK, 'compliant'],
      [EXIT.NOT_COMPLIANT, 'not compliant'],
      USAGE_EXIT,
      [EXIT.INCOMPLETE, 'no verdict (cloud unreachable, listing incomplete)'],
      [EXIT.INCONCLUSIVE, 'inconclusive: nothing failed, but the official test aborts on some image (the SCS dashboard shows ✅*; --strict-reading fails it)'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
