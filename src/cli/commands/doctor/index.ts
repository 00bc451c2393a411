import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { clockFlags } from '../../flags/clock.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { definitionsFlags } from '../../flags/definitions.js';
import { outputFlags } from '../../flags/output.js';
import { policyFlags } from '../../flags/policy.js';
import { USAGE_EXIT } from '../../help.js';

export const DOCTOR_FORMATS = ['text', 'json'] as const;

const groups = {
  clouds: fleetFlags('examined'),
  definitions: definitionsFlags({
    imagesHelp: 'image definitions (file or directory): also check that their plan fits this cloud (import methods, limits, visibilities)',
  }),
  policy: policyFlags,
  output: outputFlags({ formats: DOCTOR_FORMATS, file: 'write the report to a file instead of stdout', color: true }),
  clock: clockFlags("the instant the cloud's clocks are compared with, and the plan of --images is made for"),
  connection: connectionFlags(),
};

export interface DoctorOwnFlags {
  probe?: boolean;
  probeUrl?: string;
  cleanUp?: boolean;
}

export type DoctorRun = CommandRun<typeof groups, DoctorOwnFlags>;

export const doctor = defineCommand<DoctorOwnFlags>()({
  name: 'doctor',
  description:
    'examine a cloud before apply: login and roles, endpoints and certificates, Glance version, import methods, stores, usage and limits, clock skew, leases; with --images, whether the plan fits; read-only unless --probe',
  groups,
  options: (cmd) =>
    cmd
      .option(
        '--probe',
        'also try what no API advertises: create a tiny private, hidden image (tag scs-images-doctor-probe), put data in by glance-direct (or upload), set a property, make it public/community if the definitions need it, delete it (said first; deleted also after Ctrl-C)',
      )
      .option('--probe-url <url>', 'with --probe: also import this URL by web-download (Glance downloads it)')
      .option('--no-clean-up', 'only list leases and probe images of runs that are provably gone, do not remove them'),
  helpText: `
Without --probe, doctor only reads, except that it removes leases (and probe images) of runs that
are provably gone: expired by Glance's clock, or of a process on this host that no longer exists.
Each finding names the setting or policy to change (glance-api.conf, Glance's policy.yaml,
Keystone unified limits, clouds.yaml).`,
  help: {
    examples: [
      ['scs-images doctor --cloud mycloud', 'what the cloud offers and what would stop an apply'],
      ['scs-images doctor --cloud mycloud --images images/ --probe', 'does the plan fit, and does the cloud let this user do each step'],
      ['scs-images doctor --all-clouds -f json', 'every cloud of clouds.yaml, as JSON'],
    ],
    exitCodes: [
      [EXIT.OK, 'nothing found that will make apply fail'],
      [EXIT.NOT_COMPLIANT, 'a finding will make apply fail (BLOCK lines)'],
      USAGE_EXIT,
      [EXIT.INCOMPLETE, 'a cloud could not be reached or logged into'],
    ],
  },
  handler: async () => (await import('./run.js')).run,
});
