import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocument, MAX_NESTING, readTextFile } from './read-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scs-read-'));
});
const file = async (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
};

describe('readTextFile: the one reader of input files', () => {
  it('reads UTF-8 text and drops a BOM', async () => {
    expect(await readTextFile(await file('a.yaml', '\uFEFFimages: []\n'), { maxBytes: 100 })).toBe('images: []\n');
  });

  it('refuses what is not a regular file, before reading it', async () => {
    await expect(readTextFile(dir, { maxBytes: 100 })).rejects.toThrow(`${dir}: is a directory, expected a file`);
    await expect(readTextFile('/dev/zero', { maxBytes: 100 })).rejects.toThrow('/dev/zero: not a regular file');
    await expect(readTextFile(path.join(dir, 'nope'), { maxBytes: 100, notFound: 'no such file (try x)' })).rejects.toThrow('nope: no such file (try x)');
  });

  it('checks the size before reading', async () => {
    await expect(readTextFile(await file('big.yaml', 'x'.repeat(101)), { maxBytes: 100, kind: 'a spec file' })).rejects.toThrow(
      'big.yaml: 101 bytes is larger than the 100-byte limit for a spec file',
    );
  });

  it('names the first bad UTF-8 byte, in the message or in the location', async () => {
    const p = await file('latin1.yaml', Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'));
    await expect(readTextFile(p, { maxBytes: 100 })).rejects.toThrow(`${p}: not valid UTF-8 (first bad byte at offset 11, line 2); save the file as UTF-8`);
    await expect(readTextFile(p, { maxBytes: 100, utf8LineInLocation: true })).rejects.toThrow(`${p}:2: not valid UTF-8 (first bad byte at offset 11)`);
  });
});

describe('checkDocument (the document rules, with the file named)', () => {
  it(`refuses flow collections nested more than ${MAX_NESTING} deep, with the place`, () => {
    expect(() => checkDocument(`a:\n  ${'['.repeat(MAX_NESTING + 1)}`, 'f.yaml')).toThrow(
      `f.yaml:2:${MAX_NESTING + 3}: invalid YAML or JSON: nested more than ${MAX_NESTING} levels deep`,
    );
    expect(() => checkDocument('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING), 'f.json')).not.toThrow();
  });

  it('does not count brackets in quoted strings or comments, and closed ones do not add up', () => {
    const quoted = `x: "${'['.repeat(1000)}"\ny: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\n`;
    expect(() => checkDocument(quoted, 'f.yaml')).not.toThrow();
    expect(() => checkDocument('[]'.repeat(10_000), 'f.json')).not.toThrow();
    expect(() => checkDocument(JSON.stringify({ s: '\\"[[[[' }), 'f.json')).not.toThrow();
  });
});
