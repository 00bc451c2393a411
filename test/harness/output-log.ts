// Every CLI run of the integration tests appends its stdout and stderr to one log, and the global
// teardown fails the run if any secret of the test cloud ever appears in it: passwords of every
// account, and anything shaped like a Keystone (Fernet) token.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { LocalCloudInfo } from './cloud-info.js';

export const OUTPUT_LOG_ENV = 'SCS_TEST_CLI_OUTPUT_LOG';

export function recordCliOutput(args: readonly string[], stdout: string, stderr: string): void {
  const log = process.env[OUTPUT_LOG_ENV];
  if (log) appendFileSync(log, `\n### scs-images ${args.join(' ')}\n${stdout}\n${stderr}\n`);
}

const FERNET_TOKEN = /gAAAAA[A-Za-z0-9_-]{40,}={0,2}/;

/** Problems found in the log: which secret (by account name, never the value) leaked, and where. */
export function findLeakedSecrets(log: string, cloud: LocalCloudInfo): string[] {
  if (!existsSync(log)) return [];
  const text = readFileSync(log, 'utf8');
  const secrets: Array<[string, string]> = [
    ...Object.values(cloud.users).map((u) => [`password of ${u.name}`, u.password] as [string, string]),
    ['password of the glance service user', cloud.serviceUser.password],
  ];
  const problems = secrets.filter(([, value]) => value.length >= 4 && text.includes(value)).map(([what]) => `${what} appears in CLI output`);
  if (FERNET_TOKEN.test(text)) problems.push('a Keystone token appears in CLI output');
  return problems;
}
