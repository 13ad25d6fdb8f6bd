/**
 * The messages between the page (page.ts) and its Web Worker (worker.ts). The page sends the
 * dropped files as File objects (structured clone passes a reference, not the bytes); the worker
 * reads them, runs the plan and sends back every output file.
 */
export interface RunRequest {
  type: "run";
  /** The SAP's path among `files`. */
  sap: string;
  /** Every dropped file by its path as dropped (`sap.yaml`, `mini/data/hmrc.csv`). */
  files: Record<string, Blob>;
}

export type WorkerReply =
  | { type: "done"; files: Record<string, string | Uint8Array>; zip: Uint8Array; title: string; resultCount: string; warnings: string[]; seconds: number }
  | { type: "failed"; problems: { message: string; hint?: string }[] };
