import type { OutputStream } from "./context.js";

/**
 * Progress of a long step on standard error — only when it is a terminal, on one line rewritten in
 * place and cleared when the step is done (our own text, so written without escaping). Undefined
 * otherwise: a log or a pipe gets no progress lines.
 *
 * @example
 * const progress = terminalProgress(ctx.io.stderr);
 * progress?.("randomisation inference", 1000, 10000); // "\rrandomisation inference: 1,000 of 10,000 (10%)"
 */
export function terminalProgress(stderr: OutputStream, unit = "assignments"): ((what: string, done: number, total: number) => void) | undefined {
  if (!stderr.isTTY) return undefined;
  let shown = "";
  return (what, done, total) => {
    const percent = Math.floor((100 * done) / total);
    const key = `${what}\u0000${percent}`;
    if (key === shown) return;
    shown = key;
    stderr.write(done < total ? `\r\x1b[K${what}: ${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} ${unit} (${percent}%)` : "\r\x1b[K");
  };
}
