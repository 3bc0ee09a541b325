/// <reference types="node" />
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Cuts a UTF-8 text into lines as its chunks arrive, holding only the start of a line that has not ended. */
export interface LineSplitter {
  /** The lines this chunk ends (none if it holds no '\n'). */
  readonly push: (chunk: Uint8Array | string) => string[];
  /** The last line, if the text did not end with '\n'. */
  readonly end: () => string[];
}

/**
 * Chunks are split on '\n' bytes (in UTF-8 that byte is never part of another character) and each line
 * decoded once; a '\r' before the '\n' is dropped, and a last line without '\n' still comes.
 */
export const lineSplitter = (): LineSplitter => {
  // The start of a line that has not ended yet, in pieces: joined once, when its '\n' comes.
  let pending: Buffer[] = [];
  const push = (chunk: Uint8Array | string): string[] => {
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let end = buffer.indexOf(NEWLINE);
    if (end === -1) {
      pending.push(Buffer.from(buffer));
      return [];
    }
    const lines: string[] = [];
    let start = 0;
    if (pending.length > 0) {
      const first = Buffer.concat([...pending, buffer.subarray(0, end)]);
      lines.push(textOf(first, 0, first.length));
      pending = [];
      start = end + 1;
      end = buffer.indexOf(NEWLINE, start);
    }
    for (; end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      lines.push(textOf(buffer, start, end));
      start = end + 1;
    }
    // Copied, so that the whole chunk is not kept alive for the few bytes of the next line.
    if (start < buffer.length) pending.push(Buffer.from(buffer.subarray(start)));
    return lines;
  };
  const end = (): string[] => {
    if (pending.length === 0) return [];
    const last = Buffer.concat(pending);
    pending = [];
    return [textOf(last, 0, last.length)];
  };
  return { push, end };
};

/**
 * The lines of a UTF-8 text stream (a file stream, or any async iterable of chunks), a chunk's worth at a
 * time. node:readline gives the same lines one promise at a time, which costs more than the JSON.parse of a
 * line (docs/decisions/0006-log-line-reader.md).
 */
export async function* lineBatches(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<string[]> {
  const splitter = lineSplitter();
  for await (const chunk of input) {
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield lines;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

const textOf = (buffer: Buffer, start: number, end: number): string =>
  buffer.toString('utf8', start, end > start && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
