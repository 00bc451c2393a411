import { defineCommand, type CommandRun } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { catalogueFlags } from '../../flags/catalogue.js';
import { fleetFlags } from '../../flags/clouds.js';
import { connectionFlags } from '../../flags/connection.js';
import { rulesFlags } from '../../flags/rules.js';
import { USAGE_EXIT } from '../../help.js';

export interface ServeOwnFlags {
  listen: string;
  interval: string;
}

const groups = {
  clouds: fleetFlags('checked'),
  catalogue: catalogueFlags({
    verb: 'check',
    includeHiddenHelp: 'also check images with os_hidden=true (the official test never sees them)',
    collapseDuplicates: true,
  }),
  rules: rulesFlags({ withRecommended: true }),
  connection: connectionFlags(),
};

/** What the handler gets (cli/command.ts). */
export type ServeRun = CommandRun<typeof groups, ServeOwnFlags>;

export const DEFAULT_LISTEN = '127.0.0.1:9842';

export const serve = defineCommand<ServeOwnFlags>()({
  name: 'serve',
  description: 'a Prometheus exporter: check clouds on an interval and serve the latest results on /metrics (and /healthz)',
  groups,
  options: (cmd) =>
    cmd
      .option('--listen <host:port>', 'address to serve /metrics and /healthz on (port 0: a free one, named in the log)', DEFAULT_LISTEN)
      .option('--interval <seconds>', 'check each cloud again after this many seconds (a failed cloud is retried sooner, with backoff)', '900'),
  helpText:
    '\nA scrape never asks a cloud: /metrics serves the results of the last cycle (docs/metrics.md). Each cycle logs one line\n' +
    '(results and requests per cloud). SIGHUP checks every cloud now; SIGTERM or SIGINT stops serving, lets a cycle under way\n' +
    'finish and exits 0 (a second signal quits at once).\n',
  help: {
    examples: [
      ['scs-images serve --cloud prod --cloud staging', 'every 15 minutes, on http://127.0.0.1:9842/metrics'],
      ['scs-images serve --all-clouds --interval 3600 --listen 0.0.0.0:9842', 'every cloud of clouds.yaml hourly, for a Prometheus elsewhere'],
    ],
    exitCodes: [[EXIT.OK, 'stopped by SIGTERM or SIGINT'], USAGE_EXIT, [EXIT.INCOMPLETE, 'could not listen on the address']],
  },
  handler: async () => (await import('./run.js')).run,
});
