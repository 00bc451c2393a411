import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../core/errors.js';
import { loadDefinitions } from './load-definitions.js';

const testdata = fileURLToPath(new URL('../core/definitions/testdata/', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scs-defs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cirros = () => readFile(join(testdata, 'cirros.yml'), 'utf8');

async function errorsOf(p: Promise<unknown>): Promise<InputError[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    if (e instanceof InputError) return [e];
    throw e;
  }
  throw new Error('expected an input error');
}

describe('loadDefinitions', () => {
  it('loads the whole shipped OIM catalogue and the test fixture from a directory', async () => {
    const set = await loadDefinitions(testdata);
    expect(set.files.map((f) => f.slice(testdata.length))).toEqual([
      'almalinux.yml',
      'centos.yml',
      'cirros.yml',
      'debian.yml',
      'fedora.yml',
      'flatcar.yml',
      'gardenlinux.yml',
      'oim-test-fixture.yml',
      'opensuse.yml',
      'opnsense.yml',
      'rockylinux.yml',
      'talos.yml',
      'ubuntu.yml',
    ]);
    expect(set.images).toHaveLength(31);
    expect(new Set(set.images.map((i) => i.name)).size).toBe(31);
    // the README is noted; only the fixture warns (no enable, no os_purpose/hypervisor_type)
    expect(set.warnings[0]).toBe(`${join(testdata, 'README.md')}: ignored (not a .yml/.yaml file)`);
    expect(set.warnings.slice(1)).toHaveLength(6);
    expect(set.warnings.slice(1).every((w) => w.includes('oim-test-fixture.yml'))).toBe(true);
  });

  it('loads a single file, whatever its extension', async () => {
    const file = join(dir, 'images.txt');
    await writeFile(file, await cirros());
    const set = await loadDefinitions(file);
    expect(set.files).toEqual([file]);
    expect(set.images[0]!.location.file).toBe(file);
  });

  it('reads *.yml and *.yaml sorted, ignores other entries with a note, not recursive', async () => {
    const text = await cirros();
    await writeFile(join(dir, 'b.yaml'), text.replace('name: Cirros', 'name: B'));
    await writeFile(join(dir, 'a.yml'), text.replace('name: Cirros', 'name: A'));
    await writeFile(join(dir, 'README.md'), '# not a definition');
    await writeFile(join(dir, '.hidden.yml'), 'not: read');
    await writeFile(join(dir, '.gitignore'), '*');
    await mkdir(join(dir, 'old'));
    await writeFile(join(dir, 'old', 'c.yml'), 'not: read');
    await writeFile(join(dir, 'notyaml'), 'x');
    await symlink(join(dir, 'missing.yml'), join(dir, 'dangling.yml'));
    const set = await loadDefinitions(dir);
    expect(set.files).toEqual([join(dir, 'a.yml'), join(dir, 'b.yaml')]);
    expect(set.images.map((i) => i.name)).toEqual(['A', 'B']);
    expect(set.warnings).toEqual([
      `${join(dir, '.hidden.yml')}: ignored (hidden file)`,
      `${join(dir, 'README.md')}: ignored (not a .yml/.yaml file)`,
      `${join(dir, 'dangling.yml')}: ignored (not a regular file)`,
      `${join(dir, 'notyaml')}: ignored (not a .yml/.yaml file)`,
      `${join(dir, 'old')}: ignored (subdirectories are not read)`,
    ]);
  });

  it('reports the problems of every file at once, plus duplicates across files', async () => {
    const text = await cirros();
    await writeFile(join(dir, 'a.yml'), text);
    await writeFile(join(dir, 'b.yml'), text.replace('format: qcow2', 'format: qcow3').replace('name: Cirros', 'name: Other'));
    await writeFile(join(dir, 'c.yml'), 'images:\n  - name: "x\n');
    await writeFile(join(dir, 'd.yml'), text);
    const errors = await errorsOf(loadDefinitions(dir));
    expect(errors.map((e) => e.message)).toEqual([
      `${join(dir, 'b.yml')}:6:13 (images[0].format): 'qcow3' is not one of aki, ari, ami, raw, iso, vhd, vdi, qcow2, vmdk (did you mean 'qcow2'?)`,
      expect.stringMatching(new RegExp(`^${join(dir, 'c.yml')}:3:1: invalid YAML`)),
      `${join(dir, 'd.yml')}:4:11 (images[0].name): duplicate image name 'Cirros': also defined at ${join(dir, 'a.yml')}:4:11 (images[0].name)`,
    ]);
  });

  it('combines read problems and parse problems, each once', async () => {
    const text = await cirros();
    await writeFile(join(dir, 'a.yml'), Buffer.from([0xff, 0xfe, 0x00]));
    await writeFile(join(dir, 'b.yml'), text.replace('min_ram: 64', 'min_ram: lots'));
    await writeFile(join(dir, 'c.yml'), text.replace('name: Cirros', 'name: C'));
    const errors = await errorsOf(loadDefinitions(dir));
    expect(errors.map((e) => [e.location.file.slice(dir.length + 1), e.location.field])).toEqual([
      ['a.yml', undefined],
      ['b.yml', 'images[0].min_ram'],
    ]);
  });

  it('refuses text that is not UTF-8, naming the line', async () => {
    const file = join(dir, 'latin1.yml');
    await writeFile(file, Buffer.concat([Buffer.from('images:\n  - name: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const [e] = await errorsOf(loadDefinitions(file));
    expect(e!.message).toBe(`${file}:2: not valid UTF-8 (first bad byte at offset 21); save the file as UTF-8`);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const file = join(dir, 'bom.yml');
    await writeFile(file, `\uFEFF${await cirros()}`);
    expect((await loadDefinitions(file)).images[0]!.name).toBe('Cirros');
  });

  it('refuses files over the size limit', async () => {
    const file = join(dir, 'big.yml');
    await writeFile(file, await cirros());
    const [e] = await errorsOf(loadDefinitions(file, { maxFileBytes: 100 }));
    expect(e!.message).toMatch(/big\.yml: \d+ bytes is larger than the 100-byte limit/);
  });

  it('names a path that does not exist and an empty directory', async () => {
    const [missing] = await errorsOf(loadDefinitions(join(dir, 'nope')));
    expect(missing!.message).toBe(`${join(dir, 'nope')}: no such file or directory`);
    const [empty] = await errorsOf(loadDefinitions(dir));
    expect(empty!.message).toBe(`${dir}: no image definition files (*.yml, *.yaml) in this directory`);
  });
});
