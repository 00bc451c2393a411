/**
 * Signing a report the way the official tooling does (scs-test-runner.py): an SSH signature made
 * by `ssh-keygen -Y sign -f KEY -n report FILE`, namespace `report`, which the monitor checks
 * with `ssh-keygen -Y verify` against the public keys of the uploading account.
 *
 * ssh-keygen runs without a shell, in a fresh private temporary directory that is removed
 * afterwards whatever happens: the report is copied there (signing the user's file in place
 * would leave FILE.sig next to it), and a key given as text ($SCS_IMAGES_SIGNING_KEY holding the
 * key itself, as CI secrets do) is written there with mode 0600 for the one call. The child gets
 * no terminal (a key with a passphrase fails at once instead of prompting; use ssh-agent and give
 * the .pub) and an environment without this process's secrets.
 */
import { printable } from '../../core/text/printable.js';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { clipEchoed } from '../../core/text/clip.js';
import { redactOutput } from '../../util/redact.js';

/** Where the signing key comes from: a file, or the key's text (an OpenSSH private key). */
export type SigningKey = { file: string } | { text: string; origin: string };

/** The end of every SSH signature file; the monitor splits the body at this line followed by `&`. */
export const SIGNATURE_END = '-----END SSH SIGNATURE-----\n';
const SIGNATURE_BEGIN = '-----BEGIN SSH SIGNATURE-----';
/** The namespace the monitor verifies with (`-n report`). */
export const SIGNATURE_NAMESPACE = 'report';

export interface SignOptions {
  /** PATH (to find ssh-keygen), HOME and SSH_AUTH_SOCK are passed on; nothing else. */
  env: NodeJS.ProcessEnv;
  /** ssh-keygen gets this long (it never waits for a person: it has no terminal). */
  timeoutMs?: number;
  /** --debug. */
  trace?: ((line: string) => void) | undefined;
}

/** The public key a signature was made with, as the monitor's bootstrap lists keys. */
export interface SignerKey {
  /** e.g. `ssh-ed25519` (bootstrap `public_key_type`). */
  type: string;
  /** base64 of the key blob (bootstrap `public_key`). */
  publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

export interface Signature {
  /** The whole signature file, ending in SIGNATURE_END. */
  text: string;
  signer: SignerKey;
}

/** How a key given as text is recognised: $SCS_IMAGES_SIGNING_KEY may hold a path or the key itself. */
export function signingKeyFrom(value: string, origin: string): SigningKey {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) ? { text: value.endsWith('\n') ? value : `${value}\n`, origin } : { file: value };
}

/** Signs `report` (the exact bytes to upload); ssh-keygen's complaints become InputErrors naming the key. */
export async function signReport(report: Uint8Array, key: SigningKey, opts: SignOptions): Promise<Signature> {
  const keyLabel = 'file' in key ? key.file : key.origin;
  if ('file' in key) await checkKeyFile(key.file);
  const dir = await mkdtemp(join(tmpdir(), 'scs-images-sign-'));
  try {
    const reportPath = join(dir, 'report');
    await writeFile(reportPath, report, { mode: 0o600 });
    // ssh-keygen runs in the temp dir: a relative key path is made absolute first
    const keyPath = 'file' in key ? resolve(key.file) : join(dir, 'key');
    if ('text' in key) await writeFile(keyPath, key.text, { mode: 0o600 });
    opts.trace?.(`debug: ssh-keygen -Y sign -f ${'file' in key ? keyPath : `<key from ${key.origin}>`} -n ${SIGNATURE_NAMESPACE} <copy of the report>`);
    await runSshKeygen(['-Y', 'sign', '-f', keyPath, '-n', SIGNATURE_NAMESPACE, reportPath], dir, keyLabel, opts);
    const text = await readFile(`${reportPath}.sig`, 'utf8');
    if (!text.startsWith(SIGNATURE_BEGIN) || !text.endsWith(SIGNATURE_END)) {
      throw new InputError({ file: keyLabel }, 'ssh-keygen wrote something that is not an SSH signature');
    }
    return { text, signer: signerOf(text) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function checkKeyFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InputError({ file }, 'not a regular file: --key names the private key (or, with ssh-agent, its .pub)');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'no such key file' : `cannot read the key (${code ?? (e as Error).message})`);
  }
}

/** Only what ssh-keygen needs: never this process's passwords or tokens. */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { PATH: env['PATH'] ?? '/usr/bin:/bin' };
  for (const name of ['HOME', 'SSH_AUTH_SOCK', 'LANG', 'LC_ALL']) if (env[name] !== undefined) out[name] = env[name];
  return out;
}

const MAX_STDERR = 8 * 1024;

function runSshKeygen(args: string[], cwd: string, keyLabel: string, opts: SignOptions): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    // detached: a new session without a controlling terminal, so ssh-keygen cannot prompt
    const child = spawn('ssh-keygen', args, { cwd, env: childEnv(opts.env), stdio: ['ignore', 'ignore', 'pipe'], detached: true, shell: false });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_STDERR) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new InputError(
          { file: keyLabel },
          e.code === 'ENOENT' ? 'cannot sign: ssh-keygen is not on PATH (install openssh-client 8.2 or newer)' : `cannot run ssh-keygen: ${e.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const said = clipEchoed(
        printable(
          redactOutput(
            stderr
              .split(/\r?\n/)
              .map((l) => l.replace(/^Enter passphrase[^:]*:\s*/, '').trim())
              .filter((l) => l && !/^(Signing file|Write signature to)/.test(l))
              .join('; '),
          ),
        ),
        400,
      );
      const passphrase = /passphrase/i.test(stderr) ? ' (a key with a passphrase: load it into ssh-agent and give its .pub as --key)' : '';
      const why = timedOut
        ? `ssh-keygen did not finish within ${timeoutMs / 1000} s`
        : `ssh-keygen -Y sign failed (exit ${code ?? 'by signal'})${said ? `: ${said}` : ''}`;
      reject(new InputError({ file: keyLabel }, `cannot sign the report: ${why}${passphrase}`));
    });
  });
}

/**
 * The signer's public key, read from the signature itself (the SSHSIG format of OpenSSH's
 * PROTOCOL.sshsig: magic, version, then the public key blob), so the CLI can say which key to
 * register with the monitor, and which one a 401 was about.
 */
export function signerOf(signature: string): SignerKey {
  const b64 = signature.replace(SIGNATURE_BEGIN, '').replace(SIGNATURE_END.trimEnd(), '').replace(/\s+/g, '');
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.subarray(0, 6).toString('latin1') !== 'SSHSIG' || bytes.length < 14) return { type: 'unknown', publicKey: '', fingerprint: 'unknown' };
  const blob = readString(bytes, 10);
  if (!blob) return { type: 'unknown', publicKey: '', fingerprint: 'unknown' };
  const type = readString(blob, 0)?.toString('latin1') ?? 'unknown';
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { type, publicKey: blob.toString('base64'), fingerprint };
}

/** An SSH wire `string`: uint32 length, then the bytes. */
function readString(buf: Buffer, offset: number): Buffer | undefined {
  if (offset + 4 > buf.length) return undefined;
  const len = buf.readUInt32BE(offset);
  if (offset + 4 + len > buf.length) return undefined;
  return buf.subarray(offset + 4, offset + 4 + len);
}
