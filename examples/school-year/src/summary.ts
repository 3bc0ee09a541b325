import * as E from 'fp-ts/Either';
import {
  classConfirmationReport,
  classConfirmationTable,
  classesOf,
  outcomeStatusReport,
  RECEIPT_CATEGORIES,
  RECEIPT_CATEGORY_LABELS,
  type ReportsView,
} from '@licheng/projections';
import { renderTable } from './render';
import { SCHOOL_ID } from './school';
import type { YearResult } from './simulate';

const totalsLine = (
  totals: ReadonlyArray<{ category: keyof typeof RECEIPT_CATEGORY_LABELS; confirmed: number; applicable: number }>,
) => totals.map((t) => `${RECEIPT_CATEGORY_LABELS[t.category]} ${t.confirmed}/${t.applicable}`).join('   ');

/** The homeroom teacher's report for the first class, then one screen about the whole school. */
export const renderReports = (view: ReportsView, year: YearResult): string => {
  const { calendar } = year.setup;
  const term = calendar.term2;
  const policy = view.schools[SCHOOL_ID]!.policy;
  const classes = classesOf(policy, calendar.year);
  const reports = classes.map((klass) =>
    classConfirmationReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, term }),
  );
  const out: string[] = [];
  // R-ROUND-1: the first class of each round, seniors (普通三, April) then the other grades (普通二, June–July).
  for (const prefix of ['c3', 'c2']) {
    const first = reports.find((r, i) => E.isRight(r) && classes[i]!.classId.startsWith(prefix));
    if (!first || E.isLeft(first)) continue;
    if (out.length > 0) out.push('');
    out.push(`導師查看收訖明細確認統計 class receipt confirmation (R-REP-1): ${first.right.className}, term ${term}`);
    out.push(totalsLine(first.right.totals), '');
    out.push(renderTable(classConfirmationTable(first.right), 6));
  }
  out.push('', '全校摘要 school summary');
  const school = RECEIPT_CATEGORIES.map((category) => ({
    category,
    confirmed: reports.reduce(
      (n, r) => n + (E.isRight(r) ? r.right.totals.find((t) => t.category === category)!.confirmed : 0),
      0,
    ),
    applicable: reports.reduce(
      (n, r) => n + (E.isRight(r) ? r.right.totals.find((t) => t.category === category)!.applicable : 0),
      0,
    ),
  }));
  out.push(`  收訖確認 confirmed/applicable   ${totalsLine(school)}`);
  for (const semester of [calendar.term1, calendar.term2]) {
    const rows = outcomeStatusReport(view, { schoolId: SCHOOL_ID, term: semester });
    if (E.isLeft(rows)) continue;
    const sum = (key: 'uploaded' | 'notSent' | 'pending' | 'passed' | 'failed') =>
      rows.right.reduce((n, r) => n + r[key], 0);
    out.push(
      `  課程學習成果 ${semester}   已上傳 ${sum('uploaded')}  未送出 ${sum('notSent')}  待認證 ${sum('pending')}  ` +
        `通過 ${sum('passed')}  不通過 ${sum('failed')}`,
    );
  }
  const selected = outcomeStatusReport(view, { schoolId: SCHOOL_ID, term });
  if (E.isRight(selected)) {
    const counts = selected.right.reduce<number[]>((acc, r) => r.selectedCounts.map((c, i) => c + (acc[i] ?? 0)), []);
    out.push(`  勾選成果件數 students by outcomes selected   ${counts.map((c, n) => `${n}件:${c}`).join('  ')}`);
  }
  for (const round of year.rounds) {
    out.push(
      `  梯次 round ${round.name} (entry years ${round.cohorts.join(', ')})   視為確認 deemed ` +
        `${round.deadlines.deemed}, 封存 sealed ${round.deadlines.sealed} categories`,
    );
  }
  out.push(
    `  指令 commands   accepted ${year.tally.accepted}, refused ` +
      `${[...year.tally.refused.values()].reduce((a, b) => a + b, 0)}, by rule:`,
  );
  const refused = [...year.tally.refused.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [key, count] of refused) out.push(`    ${String(count).padStart(5)}  ${key}`);
  return out.join('\n');
};
