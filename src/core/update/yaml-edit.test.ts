import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDefinitionFile } from '../definitions/parse-definitions.js';
import { definitionFixture, DEFINITION_FILES } from './fixtures.test-util.js';
import { diffLines } from './line-diff.js';
import { EditError, type UpstreamBuild } from './types.js';
import { verifyEdit } from './verify-edit.js';
import { applyVersionChange } from './yaml-edit.js';

const BUILD: UpstreamBuild = {
  version: '20991231',
  url: 'https://example.org/noble/20991231/x.img',
  checksum: { algorithm: 'sha256', hex: 'e'.repeat(64) },
  buildDate: '2099-12-31',
};
const append = { kind: 'append' as const, build: BUILD };
const replace = (replaces: string) => ({ kind: 'replace' as const, replaces, reason: 'single version' as const, build: BUILD });

/** Lines removed and added, in order; an unchanged line never shows up. */
function changes(before: string, after: string) {
  const ops = diffLines(before.split('\n'), after.split('\n'));
  return { removed: ops.filter((o) => o.kind === '-').map((o) => o.line), added: ops.filter((o) => o.kind === '+').map((o) => o.line) };
}

describe('applyVersionChange on every real definition file: only the intended lines change', () => {
  for (const file of DEFINITION_FILES) {
    const text = definitionFixture(file);
    const { images } = parseDefinitionFile(text, file);
    for (const def of images) {
      it(`${file}: ${def.name}: append adds one entry after the last, laid out like it`, () => {
        const after = applyVersionChange(text, def.name, append);
        const { removed, added } = changes(text, after);
        expect(removed).toEqual([]);
        expect(added.join('\n')).toMatch(/^ {6}- /); // the file's own dash column
        const keys = added.map((l) => /^[\s-]*([a-z_]+):(?:\s|$)/.exec(l)?.[1]).filter(Boolean);
        expect(keys.sort()).toEqual(['build_date', 'checksum', 'url', 'version']);
        verifyEdit(text, after, file, def.name, BUILD);
        // appended after the last entry: the lines before the new block are the old file's first part
        const at = after.indexOf(added[0] as string);
        expect(text.startsWith(after.slice(0, at))).toBe(true);
        expect(after.slice(at + added.join('\n').length + 1)).toBe(text.slice(at));
      });

      it(`${file}: ${def.name}: replace changes exactly the value lines of one entry`, () => {
        const old = def.versions[def.versions.length - 1];
        if (!old) return;
        const after = applyVersionChange(text, def.name, replace(old.version));
        verifyEdit(text, after, file, def.name, BUILD);
        const { removed, added } = changes(text, after);
        const oldValues = [old.version, old.url, old.checksum?.hex ?? '', old.buildDate, old.mirrorUrl ?? '\0'];
        expect(removed.every((l) => oldValues.some((v) => l.includes(v)) || /^\s*mirror_url:\s*$/.test(l))).toBe(true);
        expect(added.every((l) => [BUILD.version, BUILD.url, BUILD.checksum.hex, BUILD.buildDate].some((v) => l.includes(v)))).toBe(true);
        expect(after).not.toContain(old.mirrorUrl ?? '\0');
      });
    }
  }
});

const COMMENTED = `---
# Images of the example cloud. Keep this header.
images:
  - name: Example 24.04   # the name users see
    enable: true
    format: qcow2
    login: ubuntu
    min_disk: 8
    min_ram: 512
    status: active
    visibility: public
    multi: true
    meta:
      architecture: x86_64
      hw_disk_bus: scsi
      hypervisor_type: qemu
      os_distro: ubuntu
      os_purpose: generic
      os_version: "24.04"
      replace_frequency: quarterly
      uuid_validity: last-3
      provided_until: none
    tags: []
    versions:
      # oldest first
      - version: "20260108"   # first build
        url: https://example.org/noble/20260108/x.img
        checksum: "sha256:${'a'.repeat(64)}"
        build_date: 2026-01-08 # plain date
      # end of versions
  # next image below
  - name: Other
    enable: false
    format: raw
    login: debian
    status: active
    min_disk: 1
    min_ram: 1
    multi: false
    tags: []
    visibility: private
    meta: {architecture: x86_64, hw_disk_bus: virtio, hypervisor_type: qemu, os_distro: debian, os_purpose: minimal, replace_frequency: never, uuid_validity: none, provided_until: none}
    versions: [] # filled by update
`;

describe('hand-written file with comments, quotes, inline values', () => {
  it('append: comments and quoting stay, the new entry copies double quotes and inline values', () => {
    const after = applyVersionChange(COMMENTED, 'Example 24.04', append);
    const entry = `      - version: "20991231"
        url: https://example.org/noble/20991231/x.img
        checksum: "sha256:${'e'.repeat(64)}"
        build_date: 2099-12-31
`;
    const marker = '        build_date: 2026-01-08 # plain date\n';
    expect(after).toBe(COMMENTED.replace(marker, marker + entry));
    verifyEdit(COMMENTED, after, 'c.yml', 'Example 24.04', BUILD);
  });

  it('replace: trailing comments on the edited lines stay', () => {
    const after = applyVersionChange(COMMENTED, 'Example 24.04', replace('20260108'));
    expect(after).toBe(
      COMMENTED.replace('"20260108"   # first build', '"20991231"   # first build')
        .replace('https://example.org/noble/20260108/x.img', BUILD.url)
        .replace(`"sha256:${'a'.repeat(64)}"`, `"sha256:${'e'.repeat(64)}"`)
        .replace('2026-01-08 # plain date', '2099-12-31 # plain date'),
    );
  });

  it('an empty flow list becomes a block list; the comment after it stays', () => {
    const after = applyVersionChange(COMMENTED, 'Other', append);
    expect(
      after.endsWith(
        `    versions:  # filled by update\n      - version: '20991231'\n        url: ${BUILD.url}\n        checksum: sha256:${'e'.repeat(64)}\n        build_date: 2099-12-31\n`,
      ),
    ).toBe(true);
    verifyEdit(COMMENTED, after, 'c.yml', 'Other', BUILD);
  });

  it('mirror_url is set in place, or added like the url', () => {
    const withMirror = applyVersionChange(COMMENTED, 'Example 24.04', append, { mirrorUrl: 'https://m.example/x/20991231-x.qcow2' });
    expect(withMirror).toContain('        url: https://example.org/noble/20991231/x.img\n        mirror_url: https://m.example/x/20991231-x.qcow2\n');
    const replaced = applyVersionChange(COMMENTED, 'Example 24.04', replace('20260108'), { mirrorUrl: 'https://m.example/y' });
    expect(replaced).toContain(`        url: ${BUILD.url}\n        mirror_url: https://m.example/y\n        checksum:`);
  });
});

describe('comments anywhere (property)', () => {
  const text = definitionFixture('debian.yml');
  const lines = text.split('\n');
  const names = parseDefinitionFile(text, 'debian.yml').images.map((d) => d.name);
  it('append and replace keep every comment line, wherever comments are', () => {
    const comment = fc.record({
      at: fc.nat({ max: lines.length - 1 }),
      indent: fc.nat({ max: 12 }),
      body: fc.string({ maxLength: 20 }).map((b) => b.replace(/[\r\n]/g, ' ')),
    });
    fc.assert(
      fc.property(fc.array(comment, { maxLength: 8 }), fc.constantFrom(...names), fc.boolean(), (comments, name, doAppend) => {
        const withComments = [...lines];
        for (const c of [...comments].sort((a, b) => b.at - a.at)) withComments.splice(c.at, 0, `${' '.repeat(c.indent)}#${c.body}`);
        const before = withComments.join('\n');
        let parsed;
        try {
          parsed = parseDefinitionFile(before, 'debian.yml'); // some places cannot hold a comment (between a key and its value)
        } catch {
          fc.pre(false);
        }
        const def = parsed?.images.find((d) => d.name === name);
        const change = doAppend ? append : replace(def?.versions[0]?.version ?? '');
        // with a mirror_url to write, no pair is removed (a removed pair takes its own comments along)
        const after = applyVersionChange(before, name, change, { mirrorUrl: 'https://m.example/x.qcow2' });
        verifyEdit(before, after, 'debian.yml', name, BUILD);
        expect(after.split('\n').filter((l) => l.trimStart().startsWith('#'))).toEqual(before.split('\n').filter((l) => l.trimStart().startsWith('#')));
      }),
      { numRuns: 60 },
    );
  });
});

describe('line endings and file ends', () => {
  it('a CRLF file gets CRLF lines only', () => {
    const crlf = COMMENTED.replace(/\n/g, '\r\n');
    const after = applyVersionChange(crlf, 'Example 24.04', append);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(after.replace(/\r\n/g, '\n')).toBe(applyVersionChange(COMMENTED, 'Example 24.04', append));
  });

  it('a file without a final newline', () => {
    const text = COMMENTED.replace(
      /\n {4}versions: \[\] # filled by update\n$/,
      '\n    versions:\n      - version: "1"\n        url: https://e/x.img\n        build_date: 2026-01-01',
    );
    const after = applyVersionChange(text, 'Other', append);
    expect(after.startsWith(`${text}\n      - version: "20991231"\n`)).toBe(true);
  });

  it('plain version labels get quotes (a bare 20991231 would be a number)', () => {
    const text = COMMENTED.replace('version: "20260108"', 'version: 20260108');
    expect(applyVersionChange(text, 'Example 24.04', replace('20260108'))).toContain("- version: '20991231'   # first build");
  });
});

describe('what is refused', () => {
  it('versions through an alias or a merge key, a non-empty flow list, an unknown name', () => {
    const alias = `x: &v\n  - version: '1'\n    url: https://e/x\nimages:\n  - name: A\n    versions: *v\n`;
    expect(() => applyVersionChange(alias, 'A', append)).toThrow(/alias/);
    const merge = `base: &b\n  versions: []\nimages:\n  - <<: *b\n    name: A\n`;
    expect(() => applyVersionChange(merge, 'A', append)).toThrow(/merge key/);
    const flow = `images:\n  - name: A\n    versions: [{version: '1', url: 'https://e/x'}]\n`;
    expect(() => applyVersionChange(flow, 'A', append)).toThrow(EditError);
    expect(() => applyVersionChange(COMMENTED, 'Nope', append)).toThrow(/no image named/);
    expect(() => applyVersionChange(COMMENTED, 'Example 24.04', replace('1999'))).toThrow(/no version '1999'/);
  });
});
