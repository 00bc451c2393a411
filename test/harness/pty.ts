// Run the built CLI under a pseudo-terminal (stdin, stdout and stderr are a terminal), as a person
// at a shell would, and type an answer once a prompt appears. Python's pty module does the
// terminal (util-linux `script` busy-loops once its stdin ends); every run has a hard deadline.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './local-cloud.js';
import { recordCliOutput } from './output-log.js';
import { cliEnv } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/scs-images', import.meta.url));

const DRIVER = `
import os, pty, select, sys, time
prompt, answer, deadline = sys.argv[1].encode(), sys.argv[2].encode(), time.time() + float(sys.argv[3])
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[4], sys.argv[4:])
out, sent = b'', False
while time.time() < deadline:
    if select.select([fd], [], [], 0.1)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    if not sent and prompt and prompt in out:
        os.write(fd, answer)
        sent = True
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
`;

export interface PtyRun {
  code: number;
  /** stdout and stderr together, as the terminal showed them. */
  output: string;
}

/** `answer` is typed (as keys: `yes\r`, `\x03` for Ctrl-C) once `prompt` was shown. */
export function runCliInPty(
  args: readonly string[],
  opts: { env: Record<string, string>; prompt: string; answer: string; timeoutS?: number },
): Promise<PtyRun> {
  const env = cliEnv({ TERM: 'xterm', ...opts.env });
  const argv = ['-c', DRIVER, opts.prompt, opts.answer, String(opts.timeoutS ?? 90), process.execPath, BIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, argv, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      recordCliOutput(args, output, '');
      resolve({ code: code ?? -1, output });
    });
  });
}
