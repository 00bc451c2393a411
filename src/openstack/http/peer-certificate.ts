/**
 * The certificate an https endpoint presents: one TLS handshake, no HTTP. Read even when it does
 * not verify (that is what doctor reports), with the same CAs the client trusts (clouds.yaml
 * cacert, else Node's defaults).
 */
import { connect, type ConnectionOptions } from 'node:tls';

export interface PeerCertificate {
  subject?: string;
  issuer?: string;
  validFrom?: string;
  validTo?: string;
  verified: boolean;
  /** Why it did not verify (e.g. `SELF_SIGNED_CERT_IN_CHAIN`). */
  verifyError?: string;
}

const iso = (text: string | undefined): string | undefined => {
  if (!text) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

export function readPeerCertificate(url: string, opts: { tls?: ConnectionOptions | undefined; timeoutMs: number }): Promise<PeerCertificate> {
  const u = new URL(url);
  const port = Number(u.port || 443);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      ...opts.tls,
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const error = socket.authorizationError;
      const cn = (v: unknown): string | undefined => {
        const o = v as Record<string, string | string[]> | undefined;
        const name = o?.['CN'];
        return Array.isArray(name) ? name.join(', ') : name;
      };
      const result: PeerCertificate = { verified: socket.authorized };
      const subject = cn(cert.subject);
      const issuer = cn(cert.issuer);
      const validFrom = iso(cert.valid_from);
      const validTo = iso(cert.valid_to);
      if (subject) result.subject = subject;
      if (issuer) result.issuer = issuer;
      if (validFrom) result.validFrom = validFrom;
      if (validTo) result.validTo = validTo;
      if (error) result.verifyError = String(error);
      socket.end();
      resolve(result);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
