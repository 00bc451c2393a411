/** `--timeout`, `--insecure`, `--debug`: how every command that talks HTTP opens a cloud. */
import { Option } from 'commander';
import type { OpenCloudOptions } from '../../openstack/open-cloud.js';
import { safeOutput } from '../../util/redact.js';
import type { FlagGroup } from '../command.js';
import { parseSeconds } from './values.js';

export type Connection = Omit<OpenCloudOptions, 'cloud' | 'region' | 'env'>;

const TIMEOUT_HELP = 'per-request timeout in seconds, from sending a request to the last byte of its answer';

/** `timeoutHelp`: what the timeout covers when it is not only the cloud (audit: upstream too). */
export function connectionFlags(timeoutHelp = TIMEOUT_HELP, timeoutDefault = '30'): FlagGroup<Connection> {
  return {
    declare: (cmd) =>
      cmd
        .addOption(new Option('--timeout <seconds>', timeoutHelp).default(timeoutDefault))
        .addOption(new Option('--insecure', 'do not verify TLS certificates (prints a warning)'))
        .addOption(new Option('--debug', 'trace requests to stderr (credentials and tokens redacted)')),
    parse: (opts, io) => {
      const timeoutMs = parseSeconds(opts['timeout'] as string, '--timeout') * 1000;
      // said once per run, before anything is read
      if (opts['insecure']) io.stderr.write('scs-images: warning: --insecure: TLS certificates are not verified\n');
      return {
        timeoutMs,
        insecure: opts['insecure'] === true,
        trace: opts['debug'] ? (line: string) => io.stderr.write(`${safeOutput(line)}\n`) : undefined,
      };
    },
  };
}
