/**
 * Finding and parsing clouds.yaml / secure.yaml / clouds-public.yaml by openstacksdk's rules, so
 * that a cloud the `openstack` CLI finds is found here too, from the same file. All I/O goes through a ConfigFileReader and
 * the injected env/cwd/home, so tests run against temp dirs.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { LineCounter, type Scalar, parseDocument, visit } from 'yaml';
import { checkDocumentText } from '../../core/text/document-rules.js';
import { ConfigError } from '../errors.js';

export interface ConfigFileReader {
  /** File contents, or undefined when the file does not exist. Other failures throw. */
  readFile(path: string): Promise<string | undefined>;
}

export const nodeFileReader: ConfigFileReader = {
  async readFile(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw err;
    }
  },
};

export interface SearchContext {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
}

export type ConfigKind = 'clouds' | 'secure' | 'clouds-public';

/**
 * Directories in search order: cwd, $XDG_CONFIG_HOME/openstack (platformdirs' user config dir,
 * and where gophercloud looks), ~/.config/openstack ($SNAP_REAL_HOME when set), /etc/openstack.
 */
function searchDirs(ctx: SearchContext): string[] {
  const dirs = [ctx.cwd];
  const xdg = ctx.env['XDG_CONFIG_HOME'];
  if (xdg) dirs.push(join(xdg, 'openstack'));
  dirs.push(join(ctx.env['SNAP_REAL_HOME'] || ctx.home, '.config', 'openstack'));
  dirs.push('/etc/openstack');
  return [...new Set(dirs)];
}

const SUFFIXES = ['.yaml', '.yml', '.json'];

/** Candidate files, first found wins. OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE go in front. */
export function candidateFiles(kind: ConfigKind, ctx: SearchContext): string[] {
  const files = searchDirs(ctx).flatMap((dir) => SUFFIXES.map((suffix) => join(dir, kind + suffix)));
  const override = kind === 'clouds' ? ctx.env['OS_CLIENT_CONFIG_FILE'] : kind === 'secure' ? ctx.env['OS_CLIENT_SECURE_FILE'] : undefined;
  if (override) files.unshift(isAbsolute(override) ? override : resolve(ctx.cwd, override));
  return files;
}

/**
 * Parse YAML (JSON is YAML too, and gets line numbers that way).
 * Numbers are kept as the text written: openstacksdk stringifies numbers anyway, and a project
 * id like `1234e5` must not turn into 123400000. Duplicate keys are allowed (PyYAML: last wins).
 * Error messages carry file, line and column but no source excerpt: the line might hold a secret.
 */
function parseConfigText(text: string, path: string): unknown {
  // the rules every input meets (no control characters, bounded nesting); never quotes the text
  const problem = checkDocumentText(text);
  if (problem) throw new ConfigError(`invalid YAML at line ${problem.line}, column ${problem.column}: ${problem.problem}`, { file: path, line: problem.line });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error';
    throw new ConfigError(`invalid YAML at line ${pos.line}, column ${pos.col}: ${reason}`, { file: path, line: pos.line });
  }
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
    },
  });
  return doc.toJS({ maxAliasCount: 1000 });
}

export interface LoadedFile {
  path: string;
  data: Record<string, unknown>;
}

/**
 * Load the first existing candidate. Unreadable files (EACCES …) are skipped with a warning, as
 * openstacksdk does; a file that exists but does not parse is an error (silently using another
 * file would be worse), and so is a document that is not a mapping.
 */
export async function loadFirst(candidates: readonly string[], reader: ConfigFileReader, warnings: string[]): Promise<LoadedFile | undefined> {
  for (const path of candidates) {
    let text: string | undefined;
    try {
      text = await reader.readFile(path);
    } catch (err) {
      warnings.push(`skipping ${path}: ${(err as { code?: string }).code ?? 'unreadable'}`);
      continue;
    }
    if (text === undefined) continue;
    const data = parseConfigText(text, path);
    if (data === null || data === undefined) {
      warnings.push(`${path} is empty`);
      return { path, data: {} };
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new ConfigError('the file is not a mapping (expected "clouds:" at the top)', { file: path });
    }
    return { path, data: data as Record<string, unknown> };
  }
  return undefined;
}
