import { redactText as redactClientText } from '../openstack/redact.js';

/**
 * Last line of defence before text leaves the process. The OpenStack client never puts secrets into
 * its messages and registers every secret value it sees; this also catches URLs with userinfo.
 */
export function redactText(text: string): string {
  return redactClientText(text).replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1***@');
}

const SECRET_FLAGS = /^--?(os-)?(password|token|application-credential-secret|secret)$/i;

/** argv for reports: values of secret-looking flags and KEY=VALUE pairs are replaced. */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    if (eq > 0 && /password|secret|token/i.test(a.slice(0, eq))) out.push(`${a.slice(0, eq)}=***`);
    else if (SECRET_FLAGS.test(a) && i + 1 < argv.length) {
      out.push(a, '***');
      i++;
    } else out.push(redactText(a));
  }
  return out;
}
