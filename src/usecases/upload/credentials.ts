/**
 * Where the monitor password comes from, never from the command line (argv is visible to every
 * user of the machine and lands in shell histories and CI logs):
 *
 * - `--token-file FILE`: the official tooling's tokenfile, base64(`subject:password`); it names
 *   the account as well;
 * - `--password-file FILE`: its first line;
 * - `$SCS_MONITOR_PASSWORD`.
 *
 * Every value is registered as a secret the moment it is read, so no message, trace or echoed
 * server answer can show it.
 */
import { InputError } from '../../core/errors.js';
import { readTextFile } from '../../inputs/read-file.js';
import { registerSecret } from '../../util/redact.js';

export const PASSWORD_ENV = 'SCS_MONITOR_PASSWORD';

export interface PasswordSources {
  passwordFile?: string | undefined;
  tokenFile?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export interface Password {
  password: string;
  /** The account a token file names. */
  account?: string | undefined;
  /** Where it came from, for messages: `--token-file t`, `$SCS_MONITOR_PASSWORD`. */
  origin: string;
}

/** A secret file is a line or two: anything larger is the wrong file. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** The password (and a token file's account), or undefined when no source is given. */
export async function readPassword(src: PasswordSources): Promise<Password | undefined> {
  if (src.passwordFile !== undefined && src.tokenFile !== undefined) {
    throw new InputError({ file: '--password-file' }, 'give either --password-file or --token-file, not both');
  }
  if (src.tokenFile !== undefined) {
    const token = (await readSecretFile(src.tokenFile, 'a token file')).trim();
    registerSecret(token);
    return { ...decodeToken(token, src.tokenFile), origin: `--token-file ${src.tokenFile}` };
  }
  if (src.passwordFile !== undefined) {
    const password = ((await readSecretFile(src.passwordFile, 'a password file')).split(/\r?\n/)[0] ?? '').trimEnd();
    if (!password) throw new InputError({ file: src.passwordFile }, 'the first line is empty: it should hold the password');
    registerSecret(password);
    return { password, origin: `--password-file ${src.passwordFile}` };
  }
  const password = src.env[PASSWORD_ENV];
  if (password) {
    registerSecret(password);
    return { password, origin: `$${PASSWORD_ENV}` };
  }
  return undefined;
}

async function readSecretFile(file: string, kind: string): Promise<string> {
  // readTextFile never quotes a file's content in its errors, only offsets and lines
  return readTextFile(file, { maxBytes: MAX_SECRET_FILE_BYTES, kind, notFound: 'no such file' });
}

/** base64(`subject:password`), as the official tooling's tokenfile; the error never quotes it. */
export function decodeToken(token: string, file: string): { account: string; password: string } {
  const bad = () => new InputError({ file }, 'not a monitor token: expected one line of base64(subject:password), as scs-test-runner.py reads its tokenfile');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) throw bad();
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(token, 'base64'));
  } catch {
    throw bad();
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) throw bad();
  const password = decoded.slice(colon + 1);
  registerSecret(password);
  return { account: decoded.slice(0, colon), password };
}
