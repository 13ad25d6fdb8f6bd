#!/usr/bin/env node
import { fstatSync } from "node:fs";
import { isatty } from "node:tty";
import type { FileIdentity } from "./context.js";
import { main } from "./main.js";
import { writeFailure } from "./output-target.js";
import { processInterrupts } from "./process-interrupts.js";

// A reader that stops early (`trialstat run ... | head`) closes the pipe: stop quietly, as Unix tools
// do. Any other failure to write standard output (a full disk under `> file`) loses the output: the
// command goes on (it may be putting --out in place) and then ends with exit 2 and says so, as
// `cat > /dev/full` does. A failing standard error cannot be told of, and is not a failed command.
let lostOutput: NodeJS.ErrnoException | undefined;
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) lostOutput ??= e;
  });
}

// SIGINT/SIGTERM/SIGHUP keep their default effect until a command starts putting outputs in place;
// from then they are deferred, and the process ends of the signal once the command is over
// (process-interrupts.ts).
const interrupts = processInterrupts();
// standard input is read only when a command is given `-` for a file (`--data -`)
const stdin = {
  isTTY: isatty(0),
  file: redirectedFile(),
  async read(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};
/** The regular file standard input is redirected from, if it is one (not a pipe or a terminal). */
function redirectedFile(): FileIdentity | undefined {
  try {
    const stat = fstatSync(0);
    return stat.isFile() ? { dev: stat.dev, ino: stat.ino } : undefined;
  } catch {
    return undefined;
  }
}
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin, env: process.env, interrupts });
// a failed write is reported on the stream's next tick
await new Promise((done) => setImmediate(done));
if (lostOutput) {
  process.stderr.write(`error: ${outputLost(lostOutput)}\n`);
  if (process.exitCode === 0) process.exitCode = 2;
}
await interrupts.finish();

/** Why standard output could not be written, as the first line of an error and its hint. */
function outputLost(e: NodeJS.ErrnoException): string {
  return `standard output could not be written (${writeFailure(e)}): the output is incomplete\n  hint: free some space, or send the output elsewhere (commands that write files take --out FILE)`;
}
