import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table } from '@licheng/projections';
import { toWorkbook, writeWorkbook, type WorkbookOptions } from '../workbook';

type MakeWorkbook = (tables: ReadonlyArray<Table>, options?: WorkbookOptions) => Promise<Buffer>;

/** `writeWorkbook`'s file, read back: the tests hold it to everything `toWorkbook` is held to. */
const streamedToFile: MakeWorkbook = async (tables, options) => {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-workbook-'));
  try {
    const file = join(dir, 'workbook.xlsx');
    await writeWorkbook(file, tables, options);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Both ways of making a workbook, named for `describe.each`. */
export const WORKBOOK_WRITERS: ReadonlyArray<readonly [string, MakeWorkbook]> = [
  ['built in memory (toWorkbook)', toWorkbook],
  ['streamed into a file (writeWorkbook)', streamedToFile],
];
