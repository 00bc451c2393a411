/**
 * Shell completion scripts (bash, zsh, fish) rendered from a command tree. Pure: the CLI reads the
 * tree from its commander program, so a new command or flag is completed without editing a list.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionOption {
  /** `--format` */
  long: string;
  /** `-f` */
  short?: string | undefined;
  takesValue: boolean;
  /** Values offered after the flag (else files, the shell's default). */
  choices?: readonly string[] | undefined;
  description: string;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: readonly CompletionOption[];
  /** Values of the command's first argument (`completion bash`); else files. */
  argChoices?: readonly string[] | undefined;
}

export interface CompletionTree {
  program: string;
  options: readonly CompletionOption[];
  commands: readonly CompletionCommand[];
}

// names, flags and choices are written into the scripts unquoted: only plain words may be
const WORD = /^-{0,2}[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkWords(tree: CompletionTree): void {
  const words = [
    tree.program,
    ...[...tree.options, ...tree.commands.flatMap((c) => c.options)].flatMap((o) => [o.long, o.short ?? o.long, ...(o.choices ?? [])]),
    ...tree.commands.flatMap((c) => [c.name, ...(c.argChoices ?? [])]),
  ];
  const bad = words.find((w) => !WORD.test(w));
  if (bad !== undefined) throw new Error(`completion: '${bad}' is not a plain word`);
}

/** A description on one line, short, without what a shell would read as syntax. */
function shortText(description: string): string {
  const first = description.split(/[;:(]/)[0]!.trim();
  const clean = first.replace(/[\s]+/g, ' ').replace(/[`$\\"'[\]:]/g, '');
  return clean.length > 70 ? `${clean.slice(0, 69)}…` : clean;
}

const funcName = (program: string): string => `_${program.replace(/[^A-Za-z0-9]/g, '_')}`;

export function renderCompletion(tree: CompletionTree, shell: Shell): string {
  checkWords(tree);
  switch (shell) {
    case 'bash':
      return renderBash(tree);
    case 'zsh':
      return renderZsh(tree);
    case 'fish':
      return renderFish(tree);
  }
}

const BASH_HEAD = [
  '  # bash passes the word being completed and the one before it',
  '  local cur="$2" prev="$3" cmd="" words="" args="" i',
  '  # the program has no option that takes a value: the first plain word is the command',
  '  for ((i = 1; i < COMP_CWORD; i++)); do',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${...}, not a template
  '    case "${COMP_WORDS[i]}" in -*) ;; *) cmd="${COMP_WORDS[i]}"; break ;; esac',
  '  done',
];

function renderBash(tree: CompletionTree): string {
  const fn = funcName(tree.program);
  const flags = (o: CompletionOption): string => [o.short, o.long].filter(Boolean).join('|');
  const valueCases = (options: readonly CompletionOption[]): string[] => {
    const withValue = options.filter((o) => o.takesValue);
    const free = withValue.filter((o) => !o.choices);
    return [
      ...withValue.flatMap((o) => (o.choices ? [`        ${flags(o)}) COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur")); return ;;`] : [])),
      // a file or a free value: no answer, the shell's default completion
      ...(free.length > 0 ? [`        ${free.map(flags).join('|')}) return ;;`] : []),
    ];
  };
  const commandCase = (c: CompletionCommand): string[] => [
    `    ${c.name})`,
    '      case "$prev" in',
    ...valueCases(c.options),
    '      esac',
    `      words="${c.options.map((o) => o.long).join(' ')}"`,
    ...(c.argChoices ? [`      args="${c.argChoices.join(' ')}"`] : []),
    '      ;;',
  ];
  return [
    `# ${tree.program} completion for bash: source <(${tree.program} completion bash)`,
    `${fn}() {`,
    ...BASH_HEAD,
    '  case "$cmd" in',
    '    "")',
    `      words="${[...tree.commands.map((c) => c.name), ...tree.options.map((o) => o.long)].join(' ')}"`,
    '      ;;',
    ...tree.commands.flatMap(commandCase),
    '    *) return ;;',
    '  esac',
    '  # no answer leaves the word to the default completion (files)',
    '  if [[ -z "$cmd" || "$cur" == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '  elif [[ -n "$args" ]]; then',
    '    COMPREPLY=($(compgen -W "$args" -- "$cur"))',
    '  fi',
    '}',
    `complete -o default -F ${fn} ${tree.program}`,
    '',
  ].join('\n');
}

function renderZsh(tree: CompletionTree): string {
  const fn = funcName(tree.program);
  const spec = (o: CompletionOption): string => {
    const value = o.takesValue ? `:${o.long.slice(2)}:${o.choices ? `(${o.choices.join(' ')})` : '_files'}` : '';
    // '*': a flag may be given again (--cloud a --cloud b), and is still offered after use
    return `'*${o.long}[${shortText(o.description)}]${value}'`;
  };
  const commandCase = (c: CompletionCommand): string[] => [
    `    ${c.name})`,
    '      _arguments -S \\',
    ...c.options.map((o) => `        ${spec(o)} \\`),
    `        ${c.argChoices ? `'1:${c.name}:(${c.argChoices.join(' ')})'` : "'*:file:_files'"}`,
    '      ;;',
  ];
  return [
    `#compdef ${tree.program}`,
    `# ${tree.program} completion for zsh: source <(${tree.program} completion zsh), or save it as _${tree.program} in a directory of $fpath`,
    `${fn}() {`,
    '  local -a commands',
    '  commands=(',
    ...tree.commands.map((c) => `    '${c.name}:${shortText(c.description)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe -t commands 'command' commands",
    `    _arguments ${tree.options.map(spec).join(' ')}`,
    '    return',
    '  fi',
    '  local cmd=$words[2]',
    '  shift words',
    '  (( CURRENT-- ))',
    '  case $cmd in',
    ...tree.commands.flatMap(commandCase),
    '  esac',
    '}',
    // sourced: register the function; autoloaded from $fpath: run it
    `if [[ $zsh_eval_context[-1] == loadautofunc ]]; then ${fn} "$@"; else compdef ${fn} ${tree.program}; fi`,
    '',
  ].join('\n');
}

function renderFish(tree: CompletionTree): string {
  const p = tree.program;
  const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const line = (condition: string, o: CompletionOption): string => {
    const parts = [`complete -c ${p} -n ${quote(condition)} -l ${o.long.slice(2)}`];
    if (o.short) parts.push(`-s ${o.short.slice(1)}`);
    // -x: a value, only the choices; -r: a value, files by default
    if (o.takesValue) parts.push(o.choices ? `-x -a ${quote(o.choices.join(' '))}` : '-r');
    parts.push(`-d ${quote(shortText(o.description))}`);
    return parts.join(' ');
  };
  return [
    `# ${p} completion for fish: ${p} completion fish > ~/.config/fish/completions/${p}.fish`,
    `complete -c ${p} -e`,
    ...tree.options.map((o) => line('__fish_use_subcommand', o)),
    ...tree.commands.map((c) => `complete -c ${p} -n __fish_use_subcommand -f -a ${c.name} -d ${quote(shortText(c.description))}`),
    ...tree.commands.flatMap((c) => [
      ...c.options.map((o) => line(`__fish_seen_subcommand_from ${c.name}`, o)),
      ...(c.argChoices ? [`complete -c ${p} -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -f -a ${quote(c.argChoices.join(' '))}`] : []),
    ]),
    '',
  ].join('\n');
}
