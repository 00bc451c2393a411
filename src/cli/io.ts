/**
 * The streams and environment a command talks to. Its own module so that commands and main.ts
 * both import it without importing each other (main.ts loads the commands lazily).
 */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: (env?: object) => boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: (env?: object) => boolean };
  env: NodeJS.ProcessEnv;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
