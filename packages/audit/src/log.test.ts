import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { parseLog, readLogFile } from './log';

const dir = mkdtempSync(join(tmpdir(), 'licheng-log-'));

const recordLine = (position: number, note: string) =>
  JSON.stringify({
    eventId: `e${position}`,
    streamName: 'school-tp',
    revision: position,
    position,
    type: 'T',
    data: { note },
    metadata: {},
  });

const written = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('reading a log file', () => {
  it(
    'gives the entries parseLog gives for its text: CRLF, blank lines, a last line without a newline, ' +
      'multi-byte text',
    async () => {
      // Long enough to span several of the reader's 1 MiB chunks, so that lines are cut between chunks.
      const lines = Array.from({ length: 6_000 }, (_, i) => recordLine(i, `學習歷程 ${'字'.repeat(i % 200)}`));
      const text =
        lines.map((line, i) => (i % 7 === 0 ? `${line}\r\n\n` : `${line}\n`)).join('') + recordLine(6_000, 'last');
      const file = written('mixed.ndjson', text);
      const read = await readLogFile(file);
      expect(read).toEqual(parseLog(file, text));
      expect(E.isRight(read) && read.right.entries.length).toBe(6_001);
    },
  );

  it('names the first line that is not JSON by its number, counting blank lines', async () => {
    const file = written('broken.ndjson', `${recordLine(0, 'a')}\n\n{"eventId":\n${recordLine(1, 'b')}\n`);
    const read = await readLogFile(file);
    expect(E.isLeft(read) && [read.left.line, read.left.error.code]).toEqual([3, 'LOG_LINE_NOT_JSON']);
  });

  it('refuses a missing file as unreadable, naming no line', async () => {
    const read = await readLogFile(join(dir, 'missing.ndjson'));
    expect(E.isLeft(read) && [read.left.line, read.left.error.code]).toEqual([null, 'FILE_UNREADABLE']);
  });
});
