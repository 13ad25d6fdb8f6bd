import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BlockMapper, DrawBlock } from "@trialstat/core";

/**
 * Spreads blocks of bootstrap draws over worker threads: `workers` threads (at most one per
 * block), each sent the task once and then the next block whenever it finishes one. Each block's
 * numbers are put at the block's place in draw order, so the result is the same bytes for any
 * number of threads (draw b's random numbers come from its own stream; see core's draw-blocks.ts).
 *
 * The worker runs the compiled `bootstrap-worker.js` beside this module (from the TypeScript
 * sources, under the tests, the one in ../dist, which `pnpm test` builds first).
 *
 * @example
 * await fitBootstrap(table, options, boot, workerBlockMapper(2));
 */
export function workerBlockMapper(workers: number): BlockMapper {
  return (run, task, blocks) => {
    const count = Math.max(1, Math.min(workers, blocks.length));
    const results: Float64Array[] = new Array(blocks.length);
    return new Promise((resolve, reject) => {
      const threads: Worker[] = [];
      let next = 0;
      let done = 0;
      let failed = false;
      const finish = (error?: Error) => {
        if (failed) return;
        if (error) failed = true;
        if (error || done === blocks.length) {
          for (const t of threads) void t.terminate();
          if (error) reject(error);
          else resolve(results);
        }
      };
      const give = (thread: Worker) => {
        if (next < blocks.length) thread.postMessage(blocks[next++] satisfies DrawBlock);
      };
      for (let w = 0; w < count; w++) {
        const thread = new Worker(workerFile(), { workerData: { run, task } });
        threads.push(thread);
        thread.on("message", (m: { index: number; numbers?: Float64Array; error?: string }) => {
          if (m.error !== undefined) return finish(new Error(m.error));
          results[m.index] = m.numbers!;
          done++;
          give(thread);
          finish();
        });
        thread.on("error", (e) => finish(e));
        thread.on("exit", (code) => {
          if (done < blocks.length) finish(new Error(`a bootstrap worker thread stopped (exit code ${code}) before its work was done`));
        });
        give(thread);
      }
      if (blocks.length === 0) finish();
    });
  };
}

/** The compiled worker module (under the tests, the one in ../dist, which `pnpm test` builds first). */
export function workerFile(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "../dist/bootstrap-worker.js" : "./bootstrap-worker.js", import.meta.url);
}

/**
 * Threads for a bootstrap of about `work` floating-point operations: one below 2·10⁸ (a fraction of a
 * second, where starting threads costs more than it saves), else one per core, up to 8.
 */
export function workersFor(work: number): number {
  return work < 2e8 ? 1 : Math.min(8, availableParallelism());
}
