import { periodOf, type DomainError, type ReceiptCategory } from '@licheng/domain';
import { byCodeUnits } from '@licheng/domain/internal';
import {
  RECEIPT_CATEGORIES,
  type ClassConfirmationReport,
  type ClassConfirmationRow,
  type ConfirmationFilter,
  type ReceiptStatus,
} from '@licheng/projections';
import { schoolOf, summariseConfirmation, yearOf } from '@licheng/projections/internal';
import * as E from 'fp-ts/Either';
import type { SqlQuery } from './sql';

interface RosterRow {
  readonly student_id: string;
  readonly student_number: string;
  readonly name: string;
  readonly seat_number: number;
}

/**
 * R-REP-1's class confirmation report, read from the receipt read model's tables with two plain queries (the
 * SQL a school's own screen would run), equal to `classConfirmationReport` over the in-memory view.
 */
export const classConfirmationFromSql = async (
  db: SqlQuery,
  query: {
    readonly schoolId: string;
    readonly classId: string;
    readonly term: string;
    readonly filter?: ConfirmationFilter;
  },
): Promise<E.Either<DomainError, ClassConfirmationReport>> => {
  const school = await db.query('select 1 from licheng_rm_schools where school_id = $1', [query.schoolId]);
  if (school.rows.length === 0) return E.left((schoolOf({ schools: {} }, query.schoolId) as E.Left<DomainError>).left);
  const schoolYear = yearOf(query.term);
  const { rows: classes } = await db.query<{ name: string }>(
    'select name from licheng_rm_classes where school_id = $1 and class_id = $2',
    [query.schoolId, query.classId],
  );
  const className = classes[0]?.name ?? query.classId;
  const { rows: roster } = await db.query<RosterRow>(
    `select student_id, student_number, name, seat_number from licheng_rm_roster
     where school_id = $1 and school_year = $2 and class_id = $3`,
    [query.schoolId, schoolYear, query.classId],
  );
  const periods = RECEIPT_CATEGORIES.map((category) => periodOf(category, query.term));
  const { rows: receipts } = await db.query<{ student_id: string; category: ReceiptCategory; status: ReceiptStatus }>(
    `select r.student_id, r.category, r.status
     from licheng_rm_receipts r join unnest($3::text[], $4::text[]) as wanted(category, period) using (category, period)
     where r.school_id = $1 and r.student_id = any($2::text[])`,
    [query.schoolId, roster.map((row) => row.student_id), RECEIPT_CATEGORIES, periods],
  );
  const statusOf = new Map(receipts.map((row) => [`${row.student_id}\u0000${row.category}`, row.status]));
  const rows: ClassConfirmationRow[] = roster
    // The roster's order (seat, then student number, compared as the in-memory roster compares them).
    .sort((a, b) => a.seat_number - b.seat_number || byCodeUnits(a.student_number, b.student_number))
    .map((row) => ({
      className,
      seatNumber: row.seat_number,
      studentNumber: row.student_number,
      name: row.name,
      statuses: Object.fromEntries(
        RECEIPT_CATEGORIES.map((category) => [
          category,
          statusOf.get(`${row.student_id}\u0000${category}`) ?? 'notApplicable',
        ]),
      ) as Record<ReceiptCategory, ReceiptStatus>,
    }));
  return E.right(summariseConfirmation(query, className, rows));
};
