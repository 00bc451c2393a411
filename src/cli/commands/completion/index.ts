/**
 * `scs-images completion bash|zsh|fish`: prints a completion script. The tree of commands and
 * flags is read from the commander program itself (what `--help` shows), so nothing is listed twice.
 */
import { Argument, type Command, type Option } from 'commander';
import { renderCompletion, SHELLS, type CompletionOption, type CompletionTree, type Shell } from '../../../reporters/completion.js';
import { defineCommand, type CommandRun, type ParsedOptions } from '../../command.js';
import { EXIT } from '../../exit-codes.js';
import { USAGE_EXIT } from '../../help.js';

function optionsOf(cmd: Command): CompletionOption[] {
  return cmd
    .createHelp()
    .visibleOptions(cmd)
    .filter((o): o is Option & { long: string } => o.long !== undefined)
    .map((o) => ({ long: o.long, short: o.short, takesValue: o.required || o.optional, choices: o.argChoices, description: o.description }));
}

/** The program as `--help` shows it: every visible command with its visible flags. */
export function completionTree(program: Command): CompletionTree {
  return {
    program: program.name(),
    options: optionsOf(program),
    commands: program
      .createHelp()
      .visibleCommands(program)
      .map((c) => ({ name: c.name(), description: c.description(), options: optionsOf(c), argChoices: c.registeredArguments[0]?.argChoices })),
  };
}

/** Declared last in the list: it completes every command declared before it. */
const groups = {};

/** What the handler gets (cli/command.ts). */
export type CompletionRun = CommandRun<typeof groups, ParsedOptions>;

export const completion = defineCommand()({
  name: 'completion',
  description: 'print a shell completion script for bash, zsh or fish (commands and their flags)',
  groups,
  help: {
    examples: [
      [
        'scs-images completion bash > ~/.local/share/bash-completion/completions/scs-images',
        'bash with bash-completion; without it: source <(scs-images completion bash) in ~/.bashrc',
      ],
      ['scs-images completion zsh > ~/.zfunc/_scs-images', 'zsh: into a directory of $fpath (fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc)'],
      ['scs-images completion fish > ~/.config/fish/completions/scs-images.fish', 'fish'],
    ],
    exitCodes: [[EXIT.OK, 'the script was printed'], USAGE_EXIT],
  },
  // the script is rendered from the program itself, so this command needs the program, not a handler
  handler: async () => async () => EXIT.OK,
  custom: (program, cmd, io) => {
    cmd.addArgument(new Argument('<shell>', 'the shell').choices(SHELLS)).action((shell: Shell) => {
      io.stdout.write(renderCompletion(completionTree(program), shell));
    });
  },
});
