import * as E from 'fp-ts/Either';
import * as projections from '@licheng/projections';
import type { ReportsView } from '@licheng/projections';
import { READERS, READ_ROWS, readMatrixView, type ReadRow } from './support/reads';

/**
 * The read matrix: every reader role and relation against every scoped read, on their own data and on others'
 * (another class, another student, another school). An `all` cell must answer exactly what the auditor's
 * unscoped report answers; an `own` cell exactly the reader's part of it; a refused cell must carry the code and
 * rule of the table, with both messages. docs/authorization.md shows the same table ("Who may read what").
 */

let view: ReportsView;
beforeAll(async () => {
  view = await readMatrixView();
});

const mismatchesOf = (row: ReadRow): string[] => {
  const mismatches: string[] = [];
  const whole = row.whole(view);
  if (E.isLeft(whole)) return [`the auditor's report itself was refused: ${whole.left.message.en}`];
  for (const column of READERS) {
    const expected = row.expected(column.id);
    const answer = row.run(view, column.reader);
    const where = `${column.label} reading ${row.label}`;
    if (typeof expected === 'string') {
      if (E.isLeft(answer)) {
        mismatches.push(`${where}: refused ${answer.left.code} (${answer.left.rule}), expected ${expected}`);
        continue;
      }
      const wanted = expected === 'all' ? whole.right : row.own!(whole.right, column.reader);
      if (JSON.stringify(answer.right) !== JSON.stringify(wanted))
        mismatches.push(
          `${where}: answered ${JSON.stringify(answer.right)}, expected ${expected}: ${JSON.stringify(wanted)}`,
        );
      continue;
    }
    if (E.isRight(answer)) {
      mismatches.push(`${where}: answered, expected ${expected.code} (${expected.rule})`);
      continue;
    }
    const { code, rule, message } = answer.left;
    if (code !== expected.code || rule !== expected.rule)
      mismatches.push(`${where}: refused ${code} (${rule}), expected ${expected.code} (${expected.rule})`);
    if (!message['zh-TW'] || !message.en) mismatches.push(`${where}: a refusal must carry both messages`);
  }
  return mismatches;
};

describe(
  "the read matrix: every reader × every read, own and others' data (R-AUTH-1, R-AUTH-2, R-AUTH-5, R-AUTH-6, " +
    'R-REC-6)',
  () => {
    it('covers every scoped read @licheng/projections exports', () => {
      const exported = Object.entries(projections)
        .filter(([name, value]) => /^read[A-Z]/.test(name) && typeof value === 'function')
        .map(([name]) => name)
        .sort();
      const walked = [...new Set(READ_ROWS.map((row) => row.read).filter((read) => exported.includes(read)))].sort();
      expect(walked).toEqual(exported);
    });

    it("holds own and others' data apart: every read has an `all` and a refused cell for some reader", () => {
      for (const row of READ_ROWS) {
        const cells = READERS.map((c) => row.expected(c.id));
        expect([row.label, cells.some((c) => c === 'all'), cells.some((c) => typeof c !== 'string')]).toEqual([
          row.label,
          true,
          true,
        ]);
      }
    });

    it.each(READ_ROWS.map((row) => [row.label, row] as const))(
      "%s: answered exactly within each reader's scope",
      (_label, row) => {
        expect(mismatchesOf(row)).toEqual([]);
      },
    );
  },
);
