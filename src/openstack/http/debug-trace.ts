import type { HttpEvent } from './types.js';

/** `--debug`: one line per request, response, failure and retry (the client redacts every string). */
export function debugTracer(write: (line: string) => void): (e: HttpEvent) => void {
  return (e) => {
    const head = `debug: ${e.service} ${e.method} ${e.url}`;
    if (e.type === 'request') write(`${head} (attempt ${e.attempt})`);
    else if (e.type === 'response') write(`${head} -> ${e.status} in ${e.ms} ms${e.requestId ? ` [${e.requestId}]` : ''}`);
    else if (e.type === 'error') write(`${head} failed after ${e.ms} ms: ${e.error}`);
    else write(`${head}: retrying in ${e.delayMs} ms (${e.reason})`);
  };
}
