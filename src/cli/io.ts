import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The streams and environment a command talks to. Its own module so that commands and main.ts
 * both import it without importing each other (main.ts loads the commands lazily).
 */
export interface CliIO {
  /** Read only by apply's confirmation, and only when it is a terminal (cli/confirm.ts). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: (env?: object) => boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: (env?: object) => boolean };
  env: NodeJS.ProcessEnv;
}

export function processIO(): CliIO {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  return {
    // a getter: only apply's confirmation touches stdin, so no other command opens it
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
}

const guarded = new WeakSet<object>();

/**
 * `scs-images check | head -1`: once the reader is gone, writes fail with EPIPE. That is not an
 * error of the run: further output is dropped and the command ends with the exit code it would
 * have had (Node would otherwise throw, print a stack and exit 1, which means "not compliant").
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}

/**
 * Write the pieces of a large output one after the other, waiting for a slow reader, so a
 * document never piles up in memory. The stream stays open; a reader that went away (EPIPE) ends
 * the writing quietly, as quietOnClosedPipe does for single writes.
 */
export async function writePieces(stream: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(pieces, { objectMode: false }), stream, { end: false });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw e;
  }
}
