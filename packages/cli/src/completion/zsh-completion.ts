import type { CompletionModel, CompletionOption, ValueKind } from "./completion-model.js";

/**
 * A zsh completion script for the program (`trialstat completion zsh`), written for zsh's
 * `_arguments`: commands with their descriptions, each command's options with theirs, file names
 * for options and operands that take a file, folder names for `--out <dir>`, the choices of options
 * that have them, and the name of the value for free text (`--formula`). It works both as an
 * autoloaded function (the file `_trialstat` in a folder on $fpath, found by compinit) and sourced
 * after compinit.
 *
 * @example
 * trialstat completion zsh > ~/.zfunc/_trialstat   # fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc
 * trialstat fit --format <TAB>                     # csv  json  table
 */
export function zshCompletion(model: CompletionModel): string {
  const fn = `_${model.program.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const specs = (options: readonly CompletionOption[], operands: readonly ValueKind[], indent: string) =>
    [...options.flatMap(optionSpecs), ...operands.map((v, k) => quote(`${k + 1}:${message(v)}:${action(v)}`))].map((s) => `${indent}${s}`).join(" \\\n");
  const commands = model.commands.map((c) => `        ${quote(`${c.name.replace(/:/g, "\\:")}:${c.description}`)}`).join("\n");
  const commandCases = model.commands.map((c) => `        ${c.name})\n          _arguments -s \\\n${specs(c.options, c.operands, "            ")} && ret=0 ;;`).join("\n");
  return `#compdef ${model.program}
# zsh completion for ${model.program}. Put it in a folder on $fpath, as _${model.program}:
#   ${model.program} completion zsh > ~/.zfunc/_${model.program}   (with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc)
# or load it in this shell, after compinit:
#   source <(${model.program} completion zsh)

${fn}() {
  local curcontext=$curcontext state line ret=1
  typeset -A opt_args
  _arguments -C \\
${specs(model.options, [], "    ")} \\
    '1: :->command' \\
    '*:: :->argument' && ret=0
  case $state in
    command)
      local -a commands
      commands=(
${commands}
      )
      _describe -t commands '${model.program} command' commands && ret=0 ;;
    argument)
      curcontext=\${curcontext%:*:*}:${model.program}-$line[1]:
      case $line[1] in
${commandCases}
      esac ;;
  esac
  return ret
}

# autoloaded from $fpath, this file is the body of ${fn}: define it, then complete; sourced, register it
if [[ $funcstack[1] == ${fn} ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${model.program}
fi
`;
}

/** `_arguments` specs of one option: one per spelling, each excluding the others once given (unless repeatable). */
function optionSpecs(o: CompletionOption): string[] {
  const exclusive = !o.repeatable && o.names.length > 1 ? `(${o.names.join(" ")})` : "";
  const explanation = `[${o.description.replace(/[\\[\]]/g, (c) => `\\${c}`)}]`;
  return o.names.map((name) => {
    const value = o.value ? `${name.startsWith("--") ? "=" : "+"}${explanation}:${message(o.value)}:${action(o.value)}` : explanation;
    return quote(`${o.repeatable ? "*" : exclusive}${name}${value}`);
  });
}

function message(v: ValueKind): string {
  const text = v.kind === "text" ? v.name : v.kind;
  return text.replace(/:/g, "\\:");
}

function action(v: ValueKind): string {
  if (v.kind === "file") return "_files";
  if (v.kind === "folder") return "_files -/";
  if (v.kind === "choice") return `(${v.choices.map((c) => c.replace(/[\\ ()]/g, (ch) => `\\${ch}`)).join(" ")})`;
  return " ";
}

/** A word in single quotes (a quote inside written as '\\''). */
function quote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
