import { spawnSync } from 'node:child_process';

/**
 * Runs Prometheus' `promtool` (Debian package `prometheus`, installed by
 * scripts/ensure-system-deps.sh). Its absence fails the test with that hint: these tests are
 * never skipped, since a metric or rule promtool rejects is a broken exporter.
 */
export function promtool(args: readonly string[], input?: string, cwd?: string): { code: number; output: string } {
  const r = spawnSync('promtool', args, { input, encoding: 'utf8', cwd, timeout: 60_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('promtool is not installed: run scripts/ensure-system-deps.sh (Debian package prometheus)');
  }
  if (r.error) throw r.error;
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}`.trim() };
}
