import { RE2JS } from 're2js';

/**
 * `name_scheme` values are Python regular expressions, applied with Python's `re.match`: anchored
 * at the start of the name, not at the end. We match them with RE2 (linear time, so a hostile
 * scheme cannot hang a check) after translating the few places where Python's dialect differs,
 * and reject with a clear message what RE2 cannot do (lookaround, backreferences, ...).
 */
export interface NameMatcher {
  /** The pattern as written in the spec. */
  readonly source: string;
  /** Like Python's `re.match(source, name) is not None`. */
  matches(name: string): boolean;
}

export class PythonRegexError extends Error {
  override readonly name = 'PythonRegexError';
  /** 0-based offset into the pattern, when known. */
  readonly offset: number | undefined;
  constructor(message: string, offset?: number) {
    super(message);
    this.offset = offset;
  }
}

const UNSUPPORTED_GROUPS: Array<[string, string]> = [
  ['(?=', 'lookahead (?=...)'],
  ['(?!', 'negative lookahead (?!...)'],
  ['(?<=', 'lookbehind (?<=...)'],
  ['(?<!', 'negative lookbehind (?<!...)'],
  ['(?P=', 'named backreference (?P=name)'],
  ['(?(', 'conditional group (?(id)yes|no)'],
  ['(?>', 'atomic group (?>...)'],
];

/** Escapes of ASCII letters that Python's `re` knows; any other (`\\p{L}`, `\\z`, `\\k<n>`, `\\Q`) is an error there. */
const PYTHON_ESCAPES = { outside: 'abBdDfnrsStvwWZAxuUN', inside: 'abdDfnrsStvwWxuUN' } as const;

// Python 3 str patterns are Unicode-aware by default; RE2's \d \w \s are ASCII-only.
const UNICODE_CLASSES: Record<string, { outside: string; inside?: string }> = {
  d: { outside: '\\p{Nd}', inside: '\\p{Nd}' },
  D: { outside: '\\P{Nd}' },
  w: { outside: '[\\p{L}\\p{N}_]', inside: '\\p{L}\\p{N}_' },
  W: { outside: '[^\\p{L}\\p{N}_]' },
  s: { outside: '[\\s\\v\\p{Z}\\x1c-\\x1f\\x85]', inside: '\\s\\v\\p{Z}\\x1c-\\x1f\\x85' },
  S: { outside: '[^\\s\\v\\p{Z}\\x1c-\\x1f\\x85]' },
};

/** Translate a Python `re` pattern into RE2 syntax with the same meaning, or throw PythonRegexError. */
export function translatePythonRegex(pattern: string): string {
  let out = '';
  let inClass = false;
  let ascii = false;
  let multiline = false;
  let i = 0;
  // global inline flags at the start: (?aiLmsux)
  const flagMatch = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (flagMatch) {
    const flags = flagMatch[1] ?? '';
    if (flags.includes('L')) throw new PythonRegexError('the locale flag (?L) is not supported', 2);
    if (flags.includes('x')) throw new PythonRegexError('verbose mode (?x) is not supported; write the pattern without comments and spaces', 2);
    ascii = flags.includes('a');
    multiline = flags.includes('m');
    const kept = [...flags].filter((f) => 'ims'.includes(f)).join('');
    if (kept) out += `(?${kept})`;
    i = flagMatch[0].length;
  }
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw new PythonRegexError('pattern ends with a lone backslash', i);
      const cls = UNICODE_CLASSES[n];
      if (cls && !ascii) {
        const repl = inClass ? cls.inside : cls.outside;
        if (repl === undefined) {
          throw new PythonRegexError(`\\${n} inside a character class is not supported; use (?a) for ASCII semantics or spell the class out`, i);
        }
        out += repl;
        i += 2;
        continue;
      }
      if (n === 'Z') {
        out += '\\z';
        i += 2;
        continue;
      }
      if (/[1-9]/.test(n) && !inClass) throw new PythonRegexError(`backreference \\${n} is not supported (it needs a backtracking engine)`, i);
      if (n === 'u' || n === 'U') {
        const len = n === 'u' ? 4 : 8;
        const hex = pattern.slice(i + 2, i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new PythonRegexError(`incomplete escape \\${n}${hex}`, i);
        out += `\\x{${hex}}`;
        i += 2 + len;
        continue;
      }
      if (n === 'N') throw new PythonRegexError('named Unicode escapes \\N{...} are not supported', i);
      if (/[A-Za-z]/.test(n) && !PYTHON_ESCAPES[inClass ? 'inside' : 'outside'].includes(n)) {
        throw new PythonRegexError(`bad escape \\${n}: Python's re rejects it (the official test would fail on this spec)`, i);
      }
      if (n === 'b' && inClass) {
        // a backspace in a Python class; RE2 does not know the escape there
        out += '\\x08';
        i += 2;
        continue;
      }
      if (n === 'x' && !/^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 2, i + 4))) {
        throw new PythonRegexError(`incomplete escape \\x${pattern.slice(i + 2, i + 4)}: Python's re wants exactly two hex digits`, i);
      }
      out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // a leading ']' (or '^]') is literal in Python
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      if (pattern.startsWith('(?#', i)) {
        const end = pattern.indexOf(')', i);
        if (end < 0) throw new PythonRegexError('unterminated comment (?#...', i);
        i = end + 1;
        continue;
      }
      for (const [prefix, what] of UNSUPPORTED_GROUPS) {
        if (pattern.startsWith(prefix, i)) throw new PythonRegexError(`${what} is not supported (it needs a backtracking engine)`, i);
      }
      // JavaScript's and .NET's spellings of a named group; Python's re rejects them
      if (pattern.startsWith('(?<', i) || pattern.startsWith("(?'", i)) {
        throw new PythonRegexError(`named groups are written (?P<name>...) in Python; Python's re rejects ${pattern.slice(i, i + 3)}name>...`, i);
      }
      if (/^\(\?[aiLmsux]+\)/.test(pattern.slice(i))) {
        throw new PythonRegexError("global flags such as (?i) must stand at the very start of the pattern (Python's re rejects them elsewhere)", i);
      }
    }
    if (c === '{' && /^\{,\d+\}/.test(pattern.slice(i))) {
      // Python reads {,n} as {0,n}; RE2 would read it as literal text
      out += '{0';
      i++;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+') {
      throw new PythonRegexError('possessive quantifiers (*+, ++, ?+, {m,n}+) are not supported', i);
    }
    if (c === '$' && !multiline) {
      // Python's `$` also matches just before a trailing newline; RE2's only at the very end
      out += '(?:\\n?\\z)';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) throw new PythonRegexError('unterminated character set [...]', pattern.lastIndexOf('['));
  return out;
}

/** Compile a Python `re.match`-style matcher; throws PythonRegexError for invalid or unsupported patterns. */
export function compileNameScheme(pattern: string): NameMatcher {
  const translated = translatePythonRegex(pattern);
  let re: RE2JS;
  try {
    re = RE2JS.compile(translated);
  } catch (e) {
    const msg = (e as Error).message.replace(/^error parsing regexp: /, '');
    throw new PythonRegexError(`invalid regular expression: ${msg}`);
  }
  return {
    source: pattern,
    matches: (name: string) => re.matcher(name).lookingAt(),
  };
}
