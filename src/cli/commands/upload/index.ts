import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { connectionFlags } from '../../flags/connection.js';
import { USAGE_EXIT } from '../../help.js';

export interface UploadOwnFlags {
  monitor: string;
  key?: string;
  account?: string;
  passwordFile?: string;
  tokenFile?: string;
  dryRun?: boolean;
}

const groups = { connection: connectionFlags('timeout in seconds for each upload, from sending the report to the last byte of the answer') };

/** What the handler gets (cli/command.ts). */
export type UploadRun = CommandRun<typeof groups, UploadOwnFlags>;

export const upload = defineCommand<UploadOwnFlags>()({
  name: 'upload',
  description: 'sign SCS compliance-check reports (check -f yaml) and upload them to the SCS compliance monitor',
  arguments: [['<report...>', 'report files: YAML (every document is uploaded) or one JSON report (.json)']],
  groups,
  options: (cmd) =>
    cmd
      .requiredOption('--monitor <url>', "the monitor's base URL; the reports go to <url>/reports (the official one: https://compliance.sovereignit.cloud/)")
      .option(
        '--key <file>',
        'the SSH private key that signs (ssh-keygen -Y sign -n report); with ssh-agent, its .pub (default: $SCS_IMAGES_SIGNING_KEY, a path or the key itself)',
      )
      .option('--account <name>', "the monitor account (its subject), the Basic-auth user (default: the reports' subject)")
      .option('--password-file <file>', "the account's API password: the first line of this file (default: $SCS_MONITOR_PASSWORD)")
      .option('--token-file <file>', "a token file holding base64(subject:password), as scs-test-runner.py's tokenfile; it names the account too")
      .option('--dry-run', 'check and sign, then show what would be sent (URL, account, content type, sizes) without sending it'),
  helpText:
    '\nEach report is checked before anything is sent: every document needs subject, checked_at, spec.uuid,\n' +
    'run.uuid and run.invocations with non-empty results, and no two documents may share a run.uuid (the\n' +
    'monitor would answer 409 and store none of them); a bad report is exit 2, its file and field named, and\n' +
    'nothing is sent. Passwords are never taken from the command line.\n',
  help: {
    examples: [
      [
        'scs-images upload report.yaml --monitor https://compliance.sovereignit.cloud/ --key ~/.ssh/scs_report_key',
        'upload what check -f yaml wrote, as the account named by its subject (password in $SCS_MONITOR_PASSWORD)',
      ],
      [
        'scs-images upload report.yaml --monitor https://compliance.sovereignit.cloud/ --key key --token-file tokenfile',
        "with the official tooling's token file",
      ],
      ['scs-images upload report.yaml --monitor https://compliance.sovereignit.cloud/ --key key --dry-run', 'check and sign only; show what would be sent'],
    ],
    exitCodes: [
      [EXIT.OK, 'every report was accepted (HTTP 200), or --dry-run found nothing wrong'],
      [EXIT.NOT_COMPLIANT, 'the monitor refused a report (e.g. 401 account, password or key; 409 already there; 415 content type)'],
      USAGE_EXIT,
      [EXIT.INCOMPLETE, 'the monitor could not be reached (or did not answer in time); later reports were not tried'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
