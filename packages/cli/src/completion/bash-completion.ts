import type { CompletionModel, CompletionOption, ValueKind } from "./completion-model.js";

/**
 * A bash completion script for the program (`trialstat completion bash`): commands after the
 * program's name, each command's options after `-`, file names for options and operands that take a
 * file (`--data`, `run <sap>`), folder names for `--out <dir>`, the choices of options that have
 * them (`--format json|table|csv`), and nothing for free text (`--formula`). `--opt=value` is
 * completed as `--opt value` is. Plain bash (3.2 and later): no bash-completion package needed.
 *
 * @example
 * source <(trialstat completion bash)
 * trialstat fit --fo<TAB>          # --format  --formula
 * trialstat fit --format <TAB>     # csv  json  table
 */
export function bashCompletion(model: CompletionModel): string {
  const fn = `_${model.program.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const words = (options: readonly CompletionOption[]) => options.flatMap((o) => o.names).join(" ");
  const complete = (v: ValueKind): string =>
    v.kind === "file" ? `${fn}_files` : v.kind === "folder" ? `${fn}_files -d` : v.kind === "choice" ? `${fn}_words "${v.choices.join(" ")}"` : "COMPREPLY=()";
  const commandCases = model.commands.map((c) => {
    const valued = c.options.filter((o) => o.value);
    const valueCases = valued.map((o) => `        ${o.names.join("|")}) ${complete(o.value!)}; return ;;`);
    const options = `${fn}_words "${words(c.options)}"`;
    // an operand while there are operands still to give, and the word is not an option; else the options
    const operand = c.operands.length
      ? [
          `      if [[ $cur != -* ]] && (( $(${fn}_operands${valued.flatMap((o) => ` ${o.names.join(" ")}`).join("")}) < ${c.operands.length} )); then`,
          `        ${complete(c.operands[0])}`,
          "      else",
          `        ${options}`,
          "      fi ;;",
        ]
      : [`      ${options} ;;`];
    return [`    ${c.name})`, ...(valueCases.length ? ["      case $prev in", ...valueCases, "      esac"] : []), ...operand].join("\n");
  });
  return `# bash completion for ${model.program}. Load it in this shell:
#   source <(${model.program} completion bash)
# or in every new shell:
#   ${model.program} completion bash > ~/.local/share/bash-completion/completions/${model.program}

${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} command= at=0 i
  # --opt=value: bash splits it at "=", so the option is one word further back
  if [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  # the command is the first word that is not an option (the program's options take no value)
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ \${COMP_WORDS[i]} != -* ]]; then command=\${COMP_WORDS[i]}; at=$i; break; fi
  done
  COMPREPLY=()
  case $command in
    "")
      if [[ $cur == -* ]]; then ${fn}_words "${words(model.options)}"; else ${fn}_words "${model.commands.map((c) => c.name).join(" ")}"; fi ;;
${commandCases.join("\n")}
  esac
}

# the words of $1 that begin with the word being completed
${fn}_words() {
  local w
  while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -W "$1" -- "$cur")
}

# file names (or, with -d, folder names) that begin with the word being completed
${fn}_files() {
  local f
  compopt -o filenames 2>/dev/null
  while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen "\${1:--f}" -- "$cur")
}

# how many operands come before the word being completed; the arguments are the options that take a value
${fn}_operands() {
  local n=0 j w o valued
  for ((j = at + 1; j < COMP_CWORD; j++)); do
    w=\${COMP_WORDS[j]}
    valued=
    for o in "$@"; do [[ $w == "$o" ]] && valued=1; done
    if [[ -n $valued ]]; then
      [[ \${COMP_WORDS[j+1]} == = ]] && ((j++))
      ((j++))
    elif [[ $w != -* && $w != = ]]; then
      ((n++))
    fi
  done
  echo $n
}

complete -F ${fn} ${model.program}
`;
}
