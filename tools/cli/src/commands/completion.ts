/**
 * `redline completion bash|zsh`: prints a completion script built from the
 * command tree itself, so a new command or flag completes without editing a
 * script by hand. zsh runs the same function through bashcompinit.
 */
import type { Command } from "commander";
import { EXIT_CODES, type CommandContext } from "../command";

export interface CompletionOptions {
  shell: "bash" | "zsh";
  /** The whole program (the root command), to read commands and flags from. */
  program: Command;
}

/** Each command path ("" for the root, "topics ensure") with its subcommand names and flags. */
export function completionTable(program: Command): { path: string; commands: string[]; flags: string[] }[] {
  const rows: { path: string; commands: string[]; flags: string[] }[] = [];
  const visit = (cmd: Command, path: string): void => {
    const commands = cmd.commands.map((c) => c.name());
    if (cmd.commands.length > 0) commands.push("help");
    const flags = [...cmd.options.flatMap((o) => [o.short, o.long]).filter((f): f is string => f !== undefined), "--help"];
    rows.push({ path, commands, flags });
    for (const sub of cmd.commands) visit(sub, path === "" ? sub.name() : `${path} ${sub.name()}`);
  };
  visit(program, "");
  return rows;
}

export function bashScript(program: Command): string {
  const table = completionTable(program);
  const cases = (pick: (r: (typeof table)[number]) => string[]) =>
    table.map((r) => `    "${r.path}") echo "${pick(r).join(" ")}" ;;`).join("\n");
  return `# redline completion for bash. Install: source <(redline completion bash)
_redline_commands() {
  case "$1" in
${cases((r) => r.commands)}
  esac
}
_redline_words() {
  case "$1" in
${cases((r) => [...r.commands, ...r.flags])}
  esac
}
_redline() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" i w
  # Walk the words typed so far: each that names a subcommand of the path so far extends it.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ " $(_redline_commands "$path") " == *" $w "* ]]; then
      path="\${path:+$path }$w"
    fi
  done
  # After a flag that takes a value, fall back to file names (-o default).
  COMPREPLY=($(compgen -W "$(_redline_words "$path")" -- "$cur"))
}
complete -o default -F _redline redline
`;
}

export function zshScript(program: Command): string {
  return `#compdef redline
# redline completion for zsh, through bashcompinit. Install:
#   redline completion zsh > "\${fpath[1]}/_redline"   (then start a new shell), or
#   source <(redline completion zsh)                   (in ~/.zshrc, after compinit)
autoload -U +X bashcompinit && bashcompinit
${bashScript(program).split("\n").slice(1).join("\n")}`;
}

export async function run(options: CompletionOptions, ctx: CommandContext): Promise<number> {
  ctx.stdout.write(options.shell === "bash" ? bashScript(options.program) : zshScript(options.program));
  return EXIT_CODES.ok;
}
