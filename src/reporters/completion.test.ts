import { describe, expect, it } from 'vitest';
import { renderCompletion, SHELLS, type CompletionTree } from './completion.js';

const tree = (choice: string, description = 'a flag'): CompletionTree => ({
  program: 'tool',
  options: [],
  commands: [{ name: 'run', description: "run it (it's fast)", options: [{ long: '--mode', takesValue: true, choices: [choice], description }] }],
});

describe('renderCompletion', () => {
  it.each(SHELLS)('%s: a word that is not plain never reaches the script (they are written unquoted)', (shell) => {
    expect(() => renderCompletion(tree('$(touch x)'), shell)).toThrow(/not a plain word/);
    expect(renderCompletion(tree('fast'), shell)).toContain('fast');
  });

  it('descriptions lose what a shell would read as syntax: quotes, $, backticks, brackets', () => {
    const fish = renderCompletion(tree('fast', "the user's `$HOME` [x]: y"), 'fish');
    expect(fish).toContain("-d 'the users HOME x'");
    expect(renderCompletion(tree('fast'), 'zsh')).toContain("'run:run it'");
  });
});
