import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type BlockMapper, type BlockRunnerName, type DrawBlock, mapBlocksHere } from "@trialstat/core";

/**
 * Spreads blocks of bootstrap draws over worker threads: `workers` threads (at most one per
 * block), each sent the task once and then the next block whenever it finishes one. Each block's
 * numbers are put at the block's place in draw order, so the result is the same bytes for any
 * number of threads (draw b's random numbers come from its own stream; see core's draw-blocks.ts).
 * Without `workers`, the work decides (`bootstrapThreads`, as for a plan's bootstrap); one thread
 * runs the blocks here. The threads are stopped by a message, not terminated, and the promise
 * settles once they have all exited (bootstrap-worker.ts says why).
 *
 * The worker runs the compiled `bootstrap-worker.js` beside this module (from the TypeScript
 * sources, under the tests, the one in ../dist, which `pnpm test` builds first).
 *
 * @example
 * await fitBootstrap(table, options, boot, workerBlockMapper(2));
 */
export function workerBlockMapper(workers?: number): BlockMapper {
  return (run, task, blocks, onBlockDone) => {
    const count = Math.max(1, Math.min(workers ?? bootstrapThreads(run, task, blocks), blocks.length));
    if (count === 1) return mapBlocksHere(run, task, blocks, onBlockDone);
    const results: Float64Array[] = new Array(blocks.length);
    return new Promise((resolve, reject) => {
      const threads: Worker[] = [];
      let next = 0;
      let done = 0;
      let exited = 0;
      let ended: { error?: Error } | undefined;
      // The work ends once (all blocks back, or the first error): every thread is asked to stop,
      // and the promise settles when the last one has exited, so none outlives the call.
      const end = (error?: Error) => {
        if (ended) return;
        ended = { error };
        for (const t of threads) t.postMessage(null);
      };
      const give = (thread: Worker) => {
        if (next < blocks.length) thread.postMessage(blocks[next++] satisfies DrawBlock);
      };
      for (let w = 0; w < count; w++) {
        const thread = new Worker(workerFile(), { workerData: { run, task } });
        threads.push(thread);
        thread.on("message", (m: { index: number; numbers?: Float64Array; error?: string }) => {
          if (m.error !== undefined) return end(new Error(m.error));
          results[m.index] = m.numbers!;
          done++;
          onBlockDone?.(blocks[m.index]);
          give(thread);
          if (done === blocks.length) end();
        });
        thread.on("error", (e) => end(e));
        thread.on("exit", (code) => {
          end(new Error(`a bootstrap worker thread stopped (exit code ${code}) before its work was done`));
          if (++exited < count) return;
          if (ended!.error) reject(ended!.error);
          else resolve(results);
        });
        give(thread);
      }
    });
  };
}

/** The compiled worker module (under the tests, the one in ../dist, which `pnpm test` builds first). */
export function workerFile(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "../dist/bootstrap-worker.js" : "./bootstrap-worker.js", import.meta.url);
}

/**
 * Threads for a bootstrap's blocks, from a rough count of their floating-point operations (a refit
 * costs n·k², a wild draw G·k): one below 2·10⁸ (a fraction of a second, where starting threads
 * costs more than it saves), else one per core, up to 8. `fit --bootstrap` and a plan's bootstrap
 * decide alike, from the task the blocks will run.
 */
export function bootstrapThreads(run: BlockRunnerName, task: unknown, blocks: readonly DrawBlock[]): number {
  const draws = blocks.reduce((s, b) => s + b.count, 0);
  let work: number;
  if (run === "wild") {
    const t = task as { clusters: number; rank: number };
    work = draws * t.clusters * t.rank * 8;
  } else {
    const t = task as { design: { rows: number; cols: number } };
    work = draws * t.design.rows * t.design.cols * t.design.cols;
  }
  return work < 2e8 ? 1 : Math.min(8, availableParallelism());
}
