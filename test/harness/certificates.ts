import { execFileSync } from 'node:child_process';

/**
 * openssl for test certificates that are valid whatever the clock of the run: issued as of
 * 2000-01-01 (openssl runs under Debian's faketime, which scripts/ensure-system-deps.sh installs)
 * for 100 years. A certificate issued "now" is seen as not yet valid when the suite runs with the
 * clock moved ahead (`faketime -f +400d npm test`): Node's TLS then compares its notBefore with a
 * clock that faketime does not move.
 */
export function openssl(args: readonly string[], cwd?: string): void {
  execFileSync('faketime', ['2000-01-01 00:00:00', 'openssl', ...args], { ...(cwd ? { cwd } : {}), stdio: 'pipe' });
}

/** `-days` for a certificate issued by `openssl()`: valid until 2100. */
export const CERT_DAYS = ['-days', '36500'] as const;
