// The deployment examples operators copy (deploy/systemd, deploy/kubernetes) must name commands and
// flags the CLI has: each scs-images command line in them is checked against the program's own
// declarations (what --help shows), and the Kubernetes manifests against what Prometheus needs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { completionTree } from '../../src/cli/commands/completion/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { processIO } from '../../src/cli/io.js';

const repo = path.resolve(import.meta.dirname, '../..');
const tree = completionTree(buildProgram(processIO()));

/** Every `scs-images <command> --flag ...` in a file (systemd ExecStart, a shell line, a YAML args list). */
function invocations(text: string): string[][] {
  const lines = [...text.matchAll(/scs-images (\w+)([^\n;]*)/g)].map((m) => [m[1] as string, ...(m[2] ?? '').trim().split(/\s+/)]);
  const argsLists = [...text.matchAll(/args: \[(serve|check)[^\]]*\]/g)].map((m) =>
    m[0]
      .replace(/^args: \[/, '')
      .replace(/\]$/, '')
      .split(',')
      .map((a) => a.trim().replace(/^"|"$/g, '')),
  );
  return [...lines, ...argsLists].filter((argv) => tree.commands.some((c) => c.name === argv[0]));
}

const files = ['systemd', 'kubernetes'].flatMap((dir) =>
  readdirSync(path.join(repo, 'deploy', dir))
    // a timer names a unit, not a command
    .filter((f) => !f.endsWith('.timer'))
    .map((f) => path.join(repo, 'deploy', dir, f)),
);

describe('deployment examples', () => {
  it.each(files.map((f) => [path.relative(repo, f), f]))('%s names only commands and flags scs-images has', (_name, file) => {
    const found = invocations(readFileSync(file, 'utf8'));
    expect(found.length).toBeGreaterThan(0);
    for (const [command, ...args] of found) {
      const declared = new Set(tree.commands.find((c) => c.name === command)!.options.map((o) => o.long));
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(declared, `${command} ${flag}`).toContain(flag);
    }
  });

  it("the Kubernetes Service carries Prometheus' scrape annotations for the port serve listens on", () => {
    const docs = parseAllDocuments(readFileSync(path.join(repo, 'deploy/kubernetes/serve.yaml'), 'utf8')).map((d) => d.toJS());
    const service = docs.find((d) => d.kind === 'Service');
    const deployment = docs.find((d) => d.kind === 'Deployment');
    expect(service.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics' });
    const listen = deployment.spec.template.spec.containers[0].args.at(-1) as string;
    expect(listen.endsWith(`:${service.metadata.annotations['prometheus.io/port']}`)).toBe(true);
  });
});
