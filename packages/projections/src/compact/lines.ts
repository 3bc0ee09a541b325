/// <reference types="node" />
import type { Readable } from 'node:stream';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of a UTF-8 text stream, a chunk's worth at a time: chunks are split on '\n' bytes (in UTF-8 that
 * byte is never part of another character) and each line decoded once; a '\r' before the '\n' is dropped,
 * and a last line without '\n' still comes. node:readline gives the same lines one promise at a time, which
 * costs more than the JSON.parse of a line (docs/decisions/0006-log-line-reader.md).
 */
export async function* lineBatches(input: Readable): AsyncGenerator<string[]> {
  // The start of a line that has not ended yet, in pieces: joined once, when its '\n' comes.
  let pending: Buffer[] = [];
  for await (const chunk of input) {
    const buffer: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let end = buffer.indexOf(NEWLINE);
    if (end === -1) {
      pending.push(Buffer.from(buffer));
      continue;
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
    yield lines;
  }
  if (pending.length > 0) {
    const last = Buffer.concat(pending);
    yield [textOf(last, 0, last.length)];
  }
}

const textOf = (buffer: Buffer, start: number, end: number): string =>
  buffer.toString('utf8', start, end > start && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
