/**
 * Test double: a self-signed certificate for 127.0.0.1, made by openssl (part of Debian's base
 * system) in a temporary directory, for the TLS tests of the HTTP layer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCert {
  dir: string;
  key: Buffer;
  cert: Buffer;
  /** The certificate's file, e.g. as a `cacert`. */
  certFile: string;
  remove(): void;
}

export function makeSelfSignedCert(): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'scs-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1'];
  execFileSync('openssl', [...args, '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { dir, key: readFileSync(keyFile), cert: readFileSync(certFile), certFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
