import { ByteBuffer } from "flatbuffers";
import { Footer } from "apache-arrow/fb/footer";
import { Message } from "apache-arrow/fb/message";
import { MessageHeader } from "apache-arrow/fb/message-header";
import { RecordBatch } from "apache-arrow/fb/record-batch";
import { DictionaryBatch } from "apache-arrow/fb/dictionary-batch";
import { Schema } from "apache-arrow/fb/schema";
import type { Field } from "apache-arrow/fb/field";

/**
 * Checks the structure of an Arrow IPC file or stream (Arrow columnar format, "Serialization and
 * Interprocess Communication") before apache-arrow decodes it: every message lies inside the file,
 * and every count in its metadata (fields, batches, buffers, rows) fits in the bytes that hold it.
 * apache-arrow trusts these counts, so a damaged one would make it loop or allocate without bound
 * instead of failing. Returns a description of the first problem, or undefined.
 *
 * @example
 * const problem = arrowStructureProblem(bytes); // "record batch 2 lies outside the file"
 */
export function arrowStructureProblem(bytes: Uint8Array): string | undefined {
  try {
    return isFileFormat(bytes) ? fileProblem(bytes) : streamProblem(bytes, 0, bytes.length);
  } catch (e) {
    return `its metadata is damaged (${(e as Error).message})`;
  }
}

const MAGIC = "ARROW1";

function isFileFormat(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 6)) === MAGIC;
}

function fileProblem(bytes: Uint8Array): string | undefined {
  const n = bytes.length;
  if (n < 18 || new TextDecoder().decode(bytes.subarray(n - 6)) !== MAGIC) return "it is truncated (the Arrow file footer is missing)";
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset + n - 10, 4).getInt32(0, true);
  const footerStart = n - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) return "its footer is damaged (impossible length)";
  const footer = Footer.getRootAsFooter(new ByteBuffer(bytes.subarray(footerStart, n - 10)));
  const blocks = footer.recordBatchesLength() + footer.dictionariesLength();
  if (blocks * 24 > footerLength) return "its footer is damaged (more blocks than it can hold)";
  const schema = footer.schema();
  const problem = schema ? schemaProblem(schema, footerLength) : "its footer has no schema";
  if (problem) return problem;
  for (let i = 0; i < blocks; i++) {
    const block = i < footer.recordBatchesLength() ? footer.recordBatches(i)! : footer.dictionaries(i - footer.recordBatchesLength())!;
    const start = Number(block.offset());
    const end = start + block.metaDataLength() + Number(block.bodyLength());
    if (start < 8 || block.metaDataLength() <= 0 || end > footerStart) return `block ${i + 1} lies outside the file`;
    const p = streamProblem(bytes, start, end);
    if (p) return p;
  }
  return undefined;
}

/** Messages from `start` to `end`: each a continuation marker (or none, pre-1.0), its length, its metadata and body. */
function streamProblem(bytes: Uint8Array, start: number, end: number): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  let messages = 0;
  while (at + 4 <= end) {
    let length = view.getInt32(at, true);
    at += 4;
    if (length === -1) {
      if (at + 4 > end) return "it is truncated (inside a message header)";
      length = view.getInt32(at, true);
      at += 4;
    }
    if (length === 0) return undefined; // end of stream
    if (length < 0 || at + length > end) return `it is truncated or damaged (message ${messages + 1} runs past the end)`;
    const message = Message.getRootAsMessage(new ByteBuffer(bytes.subarray(at, at + length)));
    const body = Number(message.bodyLength());
    at += length;
    if (body < 0 || at + body > end) return `it is truncated (the body of message ${messages + 1} runs past the end)`;
    const problem = headerProblem(message, length, body, end - start);
    if (problem) return problem;
    at += body;
    messages++;
  }
  return at === end || start > 0 ? undefined : "it is truncated (it ends inside a message)";
}

function headerProblem(message: Message, metadataLength: number, bodyLength: number, fileLength: number): string | undefined {
  switch (message.headerType()) {
    case MessageHeader.Schema: {
      const schema = message.header(new Schema()) as Schema | null;
      return schema ? schemaProblem(schema, metadataLength) : "a schema message is empty";
    }
    case MessageHeader.RecordBatch:
      return batchProblem(message.header(new RecordBatch()) as RecordBatch | null, metadataLength, bodyLength, fileLength);
    case MessageHeader.DictionaryBatch: {
      const dictionary = message.header(new DictionaryBatch()) as DictionaryBatch | null;
      return batchProblem(dictionary?.data() ?? null, metadataLength, bodyLength, fileLength);
    }
    default:
      // tensors and anything else are not part of a table's file or stream
      return `a message is of a kind that does not belong in a table (${message.headerType()})`;
  }
}

function batchProblem(batch: RecordBatch | null, metadataLength: number, bodyLength: number, fileLength: number): string | undefined {
  if (!batch) return "a record batch message is empty";
  if (batch.nodesLength() * 16 > metadataLength || batch.buffersLength() * 16 > metadataLength) return "a record batch is damaged (more columns than its metadata holds)";
  // a row takes at least one bit of some buffer, except in columns of type null
  if (Number(batch.length()) > fileLength * 8 + 64) return "a record batch is damaged (more rows than the file could hold)";
  for (let i = 0; i < batch.buffersLength(); i++) {
    const b = batch.buffers(i)!;
    if (Number(b.offset()) < 0 || Number(b.offset()) + Number(b.length()) > bodyLength) return "a record batch is damaged (a buffer lies outside its body)";
  }
  for (let i = 0; i < batch.nodesLength(); i++) if (Number(batch.nodes(i)!.length()) > fileLength * 8 + 64) return "a record batch is damaged (a column longer than the file could hold)";
  return undefined;
}

function schemaProblem(schema: Schema, size: number, depth = 0): string | undefined {
  if (schema.fieldsLength() * 4 > size || schema.customMetadataLength() * 4 > size) return "its schema is damaged (more fields than it can hold)";
  for (let i = 0; i < schema.fieldsLength(); i++) {
    const field = schema.fields(i);
    const p = field ? fieldProblem(field, size, depth + 1) : "its schema is damaged (a field is missing)";
    if (p) return p;
  }
  return undefined;
}

function fieldProblem(field: Field, size: number, depth: number): string | undefined {
  if (depth > 64) return "its schema is damaged (fields nested too deeply)";
  if (field.childrenLength() * 4 > size || field.customMetadataLength() * 4 > size) return "its schema is damaged (more fields than it can hold)";
  for (let i = 0; i < field.childrenLength(); i++) {
    const child = field.children(i);
    const p = child ? fieldProblem(child, size, depth + 1) : "its schema is damaged (a field is missing)";
    if (p) return p;
  }
  return undefined;
}
