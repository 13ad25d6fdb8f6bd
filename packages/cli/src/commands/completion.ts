import { type Command, Argument } from "commander";
import type { CommandContext } from "../context.js";
import { commandSummary } from "../summaries.js";
import { completionModel } from "../completion/completion-model.js";
import { bashCompletion } from "../completion/bash-completion.js";
import { zshCompletion } from "../completion/zsh-completion.js";

const SCRIPTS = { bash: bashCompletion, zsh: zshCompletion } as const;

/**
 * `trialstat completion bash|zsh`: prints the shell's completion script, made from the program
 * itself with every command registered (`everyCommand`, given by main.ts), so it always lists the
 * commands and options this version has.
 */
export function completionCommand(everyCommand: () => Promise<Command>): (program: Command, ctx: CommandContext) => void {
  return (program: Command, ctx: CommandContext) => {
    program
      .command("completion")
      .description(commandSummary("completion"))
      .addArgument(new Argument("<shell>", "the shell the script is for").choices(Object.keys(SCRIPTS)))
      .action(async (shell: keyof typeof SCRIPTS) => {
        ctx.out(SCRIPTS[shell](completionModel(await everyCommand())));
      });
  };
}
