import { Readable } from 'node:stream';
import fc from 'fast-check';
import { lineBatches, lineSplitter } from './lines';

const linesOf = async (chunks: ReadonlyArray<Buffer | string>): Promise<string[]> => {
  const lines: string[] = [];
  for await (const batch of lineBatches(Readable.from(chunks))) lines.push(...batch);
  return lines;
};

/** What a line is, by definition: text between '\n's without a '\r' at its end, and no empty line after a last '\n'. */
const expectedLines = (text: string): string[] => {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((line) => line.replace(/\r$/, ''));
};

/** The text's bytes cut at the given offsets, wherever they fall: inside characters and between '\r' and '\n' too. */
const cut = (text: string, offsets: ReadonlyArray<number>): Buffer[] => {
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
};

describe('reading a log line by line', () => {
  it('joins a line and a character cut across chunks, and drops the \\r of \\r\\n', async () => {
    const text = '{"a":"學習歷程"}\r\n{"b":1}\n\n{"c":"最後"}';
    const bytes = Buffer.from(text, 'utf8');
    // Cut inside 學 (3 bytes) and between \r and \n.
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 21), bytes.subarray(21)];
    expect([bytes[20], bytes[21]]).toEqual([0x0d, 0x0a]);
    expect(await linesOf(chunks)).toEqual(['{"a":"學習歷程"}', '{"b":1}', '', '{"c":"最後"}']);
  });

  it('gives exactly the lines of the text, however its bytes are cut into chunks', async () => {
    const text = fc
      .array(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('\n', '\r\n', '學', '😀', '\r')),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 12 }), async (t, offsets) => {
        expect(await linesOf(cut(t, offsets))).toEqual(expectedLines(t));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a line longer than many chunks whole', async () => {
    const long = '學'.repeat(100_000);
    const chunks = cut(
      `${long}\n${long}`,
      Array.from({ length: 50 }, (_, i) => i * 6_007 + 1),
    );
    expect(await linesOf(chunks)).toEqual([long, long]);
  });

  it('reads string chunks as well as bytes, and nothing from an empty stream', async () => {
    expect(await linesOf(['a\nb', 'c\n'])).toEqual(['a', 'bc']);
    expect(await linesOf([])).toEqual([]);
  });

  it('reads any async iterable of chunks, plain Uint8Arrays as well as Buffers', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const bytes = new TextEncoder().encode('甲\n乙\r\n丙');
      yield bytes.subarray(0, 2);
      yield bytes.subarray(2);
    }
    const lines: string[] = [];
    for await (const batch of lineBatches(chunks())) lines.push(...batch);
    expect(lines).toEqual(['甲', '乙', '丙']);
  });

  it('splits chunks handed over one at a time, giving the lines each chunk ends', () => {
    const splitter = lineSplitter();
    expect(splitter.push('a\nb')).toEqual(['a']);
    expect(splitter.push('c')).toEqual([]);
    expect(splitter.push('\n')).toEqual(['bc']);
    expect(splitter.end()).toEqual([]);
    expect(splitter.push('last')).toEqual([]);
    expect(splitter.end()).toEqual(['last']);
  });
});
