import { type BlockMapper, type BlockRunnerName, type DrawBlock, type SyncBlockMapper, runBlocksInTurn } from "./draw-blocks.js";
import { type ResampleTask, resampleBlock } from "./resample-bootstrap.js";
import { type WildTask, wildBlock } from "./wild-cluster-bootstrap.js";

/**
 * Runs one block of bootstrap draws by the name of its block function: what a worker thread calls
 * with the task and block it was sent (see draw-blocks.ts).
 *
 * @example
 * runBootstrapBlock("wild", task, { index: 0, start: 0, count: 64 }); // 64 × 6 numbers
 */
export function runBootstrapBlock(run: BlockRunnerName, task: unknown, block: DrawBlock): Float64Array {
  switch (run) {
    case "resample":
      return resampleBlock(task as ResampleTask, block);
    case "wild":
      return wildBlock(task as WildTask, block);
  }
}

/** A BlockMapper that runs the blocks here, one after another (what core does without threads). */
export const mapBlocksHere: BlockMapper = async (run, task, blocks, onBlockDone) => runBlocksInTurn(blocks, (b) => runBootstrapBlock(run, task, b), onBlockDone);

/** A SyncBlockMapper that runs the blocks here, one after another. */
export const mapBlocksHereSync: SyncBlockMapper = (run, task, blocks, onBlockDone) => runBlocksInTurn(blocks, (b) => runBootstrapBlock(run, task, b), onBlockDone);
