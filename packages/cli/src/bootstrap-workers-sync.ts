import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import { type BlockRunnerName, type DrawBlock, type SyncBlockMapper, mapBlocksHereSync } from "@trialstat/core";
import { bootstrapThreads, workerFile } from "./bootstrap-workers.js";

/**
 * Spreads blocks of bootstrap draws over worker threads for a caller that cannot wait on a promise:
 * the plan runner, which is synchronous (core's SyncBlockMapper). The calling thread blocks
 * (Atomics.wait) while the workers run; each worker answers a block on its own message port and
 * then bumps a shared counter, and the caller takes the answers off the ports (receiveMessageOnPort)
 * as the counter moves, handing each worker its next block. Each block's numbers go to the block's
 * place in draw order, so the result is the same bytes for any number of threads.
 *
 * `workers`: a fixed number of threads, or by default one per core when the work is large
 * (`bootstrapThreads`, as `fit --bootstrap` decides) and none below that (the blocks then run here).
 * `onWait` is called at least every tenth of a second while the threads work: the calling thread's
 * timers cannot fire while it is blocked, so this is what keeps a progress line's seconds moving.
 *
 * @example
 * runPlan({ ...input, mapBootstrapBlocks: workerBlockMapperSync(undefined, { onWait: () => progress.tick() }) });
 */
export function workerBlockMapperSync(workers?: number, options: { onWait?: () => void } = {}): SyncBlockMapper {
  return (run, task, blocks, onBlockDone) => {
    const count = Math.min(workers ?? bootstrapThreads(run, task, blocks), blocks.length);
    if (count <= 1) return mapBlocksHereSync(run, task, blocks, onBlockDone);
    return runOnThreads(run, task, blocks, count, onBlockDone, options.onWait);
  };
}

/** How long to wait for any answer before calling onWait and checking that the threads are still there. */
const WAIT_MS = 100;

function runOnThreads(run: BlockRunnerName, task: unknown, blocks: readonly DrawBlock[], count: number, onBlockDone?: (block: DrawBlock) => void, onWait?: () => void): Float64Array[] {
  const answered = new Int32Array(new SharedArrayBuffer(4));
  const results: Float64Array[] = new Array(blocks.length);
  const threads: { worker: Worker; port: MessagePort }[] = [];
  let next = 0;
  let done = 0;
  try {
    for (let w = 0; w < count; w++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerFile(), { workerData: { run, task, port: port2, answered: answered.buffer }, transferList: [port2] });
      threads.push({ worker, port: port1 });
      port1.postMessage(blocks[next++] satisfies DrawBlock);
    }
    while (done < blocks.length) {
      const seen = Atomics.load(answered, 0);
      let progressed = false;
      for (const thread of threads) {
        for (let m = receiveMessageOnPort(thread.port); m; m = receiveMessageOnPort(thread.port)) {
          const answer = m.message as { index: number; numbers?: Float64Array; error?: string };
          if (answer.error !== undefined) throw new Error(answer.error);
          results[answer.index] = answer.numbers!;
          done++;
          onBlockDone?.(blocks[answer.index]);
          progressed = true;
          if (next < blocks.length) thread.port.postMessage(blocks[next++] satisfies DrawBlock);
        }
      }
      if (progressed) continue;
      const waited = Atomics.wait(answered, 0, seen, WAIT_MS);
      onWait?.();
      if (waited === "timed-out" && threads.some((t) => t.worker.threadId === -1)) {
        throw new Error("a bootstrap worker thread stopped before its work was done");
      }
    }
    return results;
  } finally {
    // asked to stop, not terminated (bootstrap-worker.ts says why); each exits once it has
    // answered any block it still holds, and the event loop sees the exits when this returns
    for (const t of threads) t.port.postMessage(null);
  }
}
