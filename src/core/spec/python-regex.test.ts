import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNameScheme, PythonRegexError, translatePythonRegex } from './python-regex.js';

const CAPI_DASH = 'ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?';
const CAPI_SPACE = 'ubuntu-capi-image v[0-9]\\.[0-9]+(\\.[0-9]+)?';

describe('compileNameScheme: Python re.match semantics', () => {
  it('anchors at the start only, like re.match', () => {
    const m = compileNameScheme(CAPI_DASH);
    expect(m.matches('ubuntu-capi-image-v1.30.2')).toBe(true);
    expect(m.matches('ubuntu-capi-image-v1.30.2-old')).toBe(true); // no end anchor
    expect(m.matches('my-ubuntu-capi-image-v1.30.2')).toBe(false); // start anchor
    expect(m.matches('ubuntu-capi-image v1.30.2')).toBe(false);
    expect(compileNameScheme(CAPI_SPACE).matches('ubuntu-capi-image v1.30')).toBe(true);
  });

  it('escaped dots stay literal', () => {
    expect(compileNameScheme(CAPI_DASH).matches('ubuntu-capi-image-v1x30')).toBe(false);
  });

  it('is case-sensitive unless the pattern says (?i)', () => {
    expect(compileNameScheme('Ubuntu').matches('ubuntu 24.04')).toBe(false);
    expect(compileNameScheme('(?i)Ubuntu').matches('ubuntu 24.04')).toBe(true);
  });

  it('translates Python-only syntax: (?P<name>), \\Z, $ before a trailing newline, \\uXXXX', () => {
    expect(compileNameScheme('(?P<os>Ubuntu) 24').matches('Ubuntu 24.04')).toBe(true);
    expect(compileNameScheme('Debian 12\\Z').matches('Debian 12')).toBe(true);
    expect(compileNameScheme('Debian 12\\Z').matches('Debian 12 old')).toBe(false);
    expect(compileNameScheme('Debian 12$').matches('Debian 12\n')).toBe(true);
    expect(compileNameScheme('\\u0044ebian').matches('Debian')).toBe(true);
  });

  it('\\d and \\w are Unicode-aware as in Python 3 (ASCII with (?a))', () => {
    expect(compileNameScheme('v\\d').matches('v٣')).toBe(true);
    expect(compileNameScheme('(?a)v\\d').matches('v٣')).toBe(false);
    expect(compileNameScheme('\\w+-x').matches('Größe-x')).toBe(true);
  });

  it.each([
    ['(?=Ubuntu)U', /lookahead/],
    ['(?<!x)U', /lookbehind/],
    ['(a)\\1', /backreference/],
    ['(?P<a>x)(?P=a)', /named backreference/],
    ['(?x) a b', /verbose/],
    ['a++', /possessive/],
    ['[a-', /unterminated character set|missing/],
    ['(unclosed', /invalid regular expression/],
  ])('rejects %s with a clear message', (pattern, message) => {
    expect(() => compileNameScheme(pattern)).toThrow(PythonRegexError);
    expect(() => compileNameScheme(pattern)).toThrow(message);
  });

  it('stays linear on a catastrophic-backtracking pattern', () => {
    const m = compileNameScheme('(a+)+$');
    const name = `${'a'.repeat(50_000)}!`;
    const t0 = performance.now();
    expect(m.matches(name)).toBe(false);
    // not a timing assertion on the tool: a backtracking engine would take longer than the universe
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('leaves plain patterns unchanged', () => {
    expect(translatePythonRegex(CAPI_DASH)).toBe(CAPI_DASH);
  });
});

// Differential: the same verdicts as CPython's re.match on the machine's python3.
describe('agreement with CPython re.match', () => {
  const patterns = [CAPI_DASH, CAPI_SPACE, 'Ubuntu 2[24]\\.04', 'Debian (11|12)$', '[A-Z][a-z]+ \\d+', '(?i)debian', '.*capi', 'a{2,3}b', '[^ ]+ \\w+', 'x|y|'];
  const alphabet = fc.constantFrom(...'aAbBuUxyz -.0123v\n_'.split(''));
  const names = fc.array(
    fc.oneof(
      fc.string({ unit: alphabet, maxLength: 12 }),
      fc.constantFrom('ubuntu-capi-image-v1.30.2', 'ubuntu-capi-image v1.2', 'Ubuntu 24.04', 'Debian 12', 'Debian 12\n', 'aab', 'Debian 11 old'),
    ),
    { minLength: 200, maxLength: 200 },
  );

  it('agrees on random names for each pattern', () => {
    const sample = fc.sample(names, { seed: 42, numRuns: 1 })[0] as string[];
    const cases = patterns.flatMap((p) => sample.map((n) => [p, n] as const));
    const py = execFileSync('/usr/bin/python3', ['-c', 'import json,re,sys\nprint(json.dumps([re.match(p,n) is not None for p,n in json.load(sys.stdin)]))'], {
      input: JSON.stringify(cases),
    });
    const expected = JSON.parse(py.toString()) as boolean[];
    const compiled = new Map(patterns.map((p) => [p, compileNameScheme(p)]));
    const actual = cases.map(([p, n]) => compiled.get(p)!.matches(n));
    const disagreements = cases.filter((_, i) => actual[i] !== expected[i]);
    expect(disagreements).toEqual([]);
  });
});

// Differential on syntax: what CPython's re.compile rejects is rejected here too (the official test
// would crash on it); what it accepts is accepted, or refused only as needing a backtracking engine.
describe('agreement with CPython re.compile on what is a valid pattern', () => {
  const patterns = [
    '(?<name>ubuntu)',
    "(?'name'x)",
    '(?P<name>ubuntu)-\\d+',
    '\\p{L}+',
    '\\z',
    '\\k<n>',
    '\\Qa.b\\E',
    '\\C',
    '\\x{41}',
    '\\x41',
    '\\x4',
    '[\\p{L}]',
    '[\\b]',
    'a{,3}b',
    'a{2,}',
    'ubuntu(?i)x',
    '(?i)ubuntu',
    '(?i:ubuntu)x',
    '(?=x)',
    '(?<=x)y',
    '(a)\\1',
    '\\u0041',
    '\\u41',
    '[a-',
    'a)',
    '(?#comment)x',
    '\\Aubuntu\\Z',
    '\\e',
    '\\g<1>',
    '\\N{HYPHEN-MINUS}',
  ];

  it('rejects exactly what CPython rejects, apart from what RE2 cannot run', () => {
    const py = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import json,re,sys\nout=[]\nfor p in json.load(sys.stdin):\n  try: re.compile(p); out.append(True)\n  except re.error: out.append(False)\nprint(json.dumps(out))',
      ],
      {
        input: JSON.stringify(patterns),
      },
    );
    const python = JSON.parse(py.toString()) as boolean[];
    const ours = patterns.map((p) => {
      try {
        compileNameScheme(p);
        return 'accepted';
      } catch (e) {
        return /not supported/.test((e as Error).message) ? 'unsupported' : 'rejected';
      }
    });
    const wrong = patterns.flatMap((p, i) =>
      (python[i] ? ours[i] === 'rejected' : ours[i] !== 'rejected') ? [`${p}: python ${python[i] ? 'accepts' : 'rejects'}, ours ${ours[i]}`] : [],
    );
    expect(wrong).toEqual([]);
  });

  it('reads {,n} as Python does ({0,n}), not as literal text', () => {
    const m = compileNameScheme('a{,3}b');
    expect([m.matches('b'), m.matches('aaab'), m.matches('a{,3}b')]).toEqual([true, true, false]);
  });

  it('names the Python spelling for a JavaScript named group', () => {
    expect(() => compileNameScheme('(?<k8s>ubuntu)')).toThrow(/written \(\?P<name>\.\.\.\) in Python/);
  });
});
