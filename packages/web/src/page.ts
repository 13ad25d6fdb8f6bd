import type { RunRequest, WorkerReply } from "./messages.js";
import { sapCandidates } from "./sap-candidates.js";

/**
 * The page (index.html): the user gives the SAP and its data files — dropped, chosen, or as a
 * folder — the plan runs in a Web Worker started from the worker's code inlined in this page (a Blob
 * URL: the page is one file, opened from disk), and the report appears with every output to
 * download. No file is sent anywhere: the page's security policy forbids it any connection.
 */
declare const WORKER_SOURCE: string;

const files = new Map<string, File>();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const drop = $<HTMLElement>("drop");
const list = $<HTMLUListElement>("file-list");
const sapSelect = $<HTMLSelectElement>("sap");
const runButton = $<HTMLButtonElement>("run");
const clearButton = $<HTMLButtonElement>("clear");
const status = $<HTMLParagraphElement>("status");
const problems = $<HTMLUListElement>("problems");
const results = $<HTMLElement>("results");
let urls: string[] = [];

function addFile(path: string, file: File): void {
  files.set(path.replace(/^\/+/, ""), file);
}

function render(): void {
  list.replaceChildren(
    ...[...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, file]) => {
      const li = document.createElement("li");
      li.textContent = `${path} (${sizeText(file.size)})`;
      return li;
    }),
  );
  const saps = sapCandidates([...files.keys()]);
  const chosen = saps.includes(sapSelect.value) ? sapSelect.value : saps[0];
  sapSelect.replaceChildren(
    ...(saps.length ? saps : [""]).map((p) => {
      const option = document.createElement("option");
      option.value = p;
      option.textContent = p || "(no SAP yet)";
      return option;
    }),
  );
  if (chosen) sapSelect.value = chosen;
  sapSelect.disabled = saps.length < 2;
  runButton.disabled = saps.length === 0;
  clearButton.disabled = files.size === 0;
  status.textContent = files.size && !saps.length ? "Add the SAP: a .yaml file." : "";
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** A dropped file or folder, walked: every file in it under its path as dropped. */
async function addEntry(entry: FileSystemEntry): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    addFile(entry.fullPath, file);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    // a folder's entries come in batches until an empty one
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const e of batch) await addEntry(e);
  }
}

drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const entries = [...(e.dataTransfer?.items ?? [])].map((i) => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => x !== null);
  for (const entry of entries) await addEntry(entry);
  render();
});
// nothing dropped beside the zone opens the file in place of the page
window.addEventListener("dragover", (e) => e.preventDefault());
window.addEventListener("drop", (e) => e.preventDefault());

$<HTMLInputElement>("files").addEventListener("change", (e) => {
  for (const f of (e.target as HTMLInputElement).files ?? []) addFile(f.name, f);
  render();
});
$<HTMLInputElement>("folder").addEventListener("change", (e) => {
  for (const f of (e.target as HTMLInputElement).files ?? []) addFile(f.webkitRelativePath || f.name, f);
  render();
});
clearButton.addEventListener("click", () => {
  files.clear();
  render();
});

runButton.addEventListener("click", () => {
  const sap = sapSelect.value;
  if (!sap) return;
  runButton.disabled = true;
  problems.replaceChildren();
  results.hidden = true;
  status.textContent = `Running ${sap}…`;
  const workerUrl = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
  const worker = new Worker(workerUrl);
  const finish = () => {
    worker.terminate();
    URL.revokeObjectURL(workerUrl);
    runButton.disabled = false;
  };
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    finish();
    show(e.data);
  };
  worker.onerror = (e) => {
    finish();
    show({ type: "failed", problems: [{ message: `the worker stopped: ${e.message}`, hint: "this is a bug in trialstat, or the browser ran out of memory" }] });
  };
  const request: RunRequest = { type: "run", sap, files: Object.fromEntries(files) };
  worker.postMessage(request);
});

function show(reply: WorkerReply): void {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
  if (reply.type === "failed") {
    status.textContent = `The plan did not run: ${reply.problems.length === 1 ? "one problem" : `${reply.problems.length} problems`}.`;
    problems.replaceChildren(
      ...reply.problems.map((p) => {
        const li = document.createElement("li");
        li.textContent = `error: ${p.message}`;
        if (p.hint) {
          const hint = document.createElement("span");
          hint.className = "hint";
          hint.textContent = `hint: ${p.hint}`;
          li.append(hint);
        }
        return li;
      }),
    );
    return;
  }
  status.textContent = `Done in ${reply.seconds.toFixed(1)} s: ${reply.resultCount}.${reply.warnings.length ? ` ${reply.warnings.length} warning${reply.warnings.length === 1 ? "" : "s"} (in the report).` : ""}`;
  $<HTMLHeadingElement>("results-title").textContent = reply.title;
  $<HTMLParagraphElement>("summary").textContent = "Download the outputs — the same files trialstat run writes, plus tables.xlsx — or read the report below.";
  const first = ["results.json", "report.html", "tables.xlsx", "flow.json", "results.md", "results.csv"];
  const names = [...first.filter((n) => reply.files[n] !== undefined), ...Object.keys(reply.files).filter((n) => !first.includes(n) && !n.includes("/"))];
  const link = (name: string, content: string | Uint8Array, label = name) => {
    const a = document.createElement("a");
    const url = URL.createObjectURL(new Blob([content as BlobPart], { type: mimeType(name) }));
    urls.push(url);
    a.href = url;
    a.download = name;
    a.textContent = label;
    a.id = `download-${name.replace(/[^a-z0-9]+/gi, "-")}`;
    const li = document.createElement("li");
    li.append(a);
    return li;
  };
  $<HTMLUListElement>("downloads").replaceChildren(
    ...names.map((n) => link(n, reply.files[n])),
    link("trialstat-outputs.zip", reply.zip, `all ${Object.keys(reply.files).length} outputs (.zip)`),
  );
  $<HTMLIFrameElement>("report").srcdoc = String(reply.files["report.html"]);
  results.hidden = false;
}

function mimeType(name: string): string {
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".html")) return "text/html";
  if (name.endsWith(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".csv")) return "text/csv";
  if (name.endsWith(".md")) return "text/markdown";
  return "application/octet-stream";
}

render();
