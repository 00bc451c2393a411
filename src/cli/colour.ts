/**
 * Whether to colour output on a stream: the one place that decides (every command asks here).
 * Node's `hasColors()` exists only on terminals and honours NO_COLOR, FORCE_COLOR and TERM=dumb;
 * `--no-color` turns colours off whatever the terminal says.
 */
export function useColor(flag: boolean, stream: { isTTY?: boolean; hasColors?: (env?: object) => boolean }, env: NodeJS.ProcessEnv): boolean {
  if (!flag || !stream.isTTY || env['NO_COLOR'] !== undefined || env['TERM'] === 'dumb') return false;
  return typeof stream.hasColors === 'function' ? stream.hasColors(env) : true;
}
