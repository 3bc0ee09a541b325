import * as t from 'io-ts';
import { Sha256Hex, NonEmptyText, NonNegativeInt } from '../shared/primitives';
import { CalendarDate } from '../shared/term';

/** A score as the central database writes it (0–100, decimals allowed), or null for 無成績. */
const Score = t.union([t.refinement(t.number, (n) => n >= 0 && n <= 100, 'Score'), t.null], 'ScoreOrNone');

/**
 * R-REC-7: a course record (修課紀錄) as seed 000's statement shows it: 科目名稱, 開課年級, 修課學分,
 * 學期學業成績, 成績及格, 補考成績, 補考及格, 是否採計學分. A make-up result is null when there was none (無成績).
 */
export const CourseRecordDetails = t.strict(
  {
    kind: t.literal('courseRecord'),
    subjectName: NonEmptyText,
    gradeLevel: t.union([t.literal(1), t.literal(2), t.literal(3)]),
    credits: NonNegativeInt,
    semesterScore: Score,
    passed: t.boolean,
    makeUpScore: Score,
    makeUpPassed: t.union([t.boolean, t.null]),
    creditCounted: t.boolean,
  },
  'CourseRecordDetails',
);

/**
 * R-REC-7: a cadre record (幹部經歷) as seed 001 shows it: 單位名稱, 幹部等級 (as written, e.g. 班級幹部), 擔任職務,
 * 開始日期, 結束日期.
 */
export const CadreRecordDetails = t.strict(
  {
    kind: t.literal('cadreRecord'),
    unit: NonEmptyText,
    level: NonEmptyText,
    position: NonEmptyText,
    startDate: CalendarDate,
    endDate: CalendarDate,
  },
  'CadreRecordDetails',
);

/** A file of a submitted outcome or performance: its name and SHA-256 digest (R-FILE-4). */
export const SubmittedFile = t.strict({ name: NonEmptyText, sha256: Sha256Hex }, 'SubmittedFile');
export type SubmittedFile = t.TypeOf<typeof SubmittedFile>;

/** R-REC-7: a selected course outcome or performance, with its files' names and digests. */
export const SelectedItemDetails = t.strict(
  { kind: t.literal('selectedItem'), files: t.array(SubmittedFile) },
  'SelectedItemDetails',
);

/** What a statement shows of one item, field by field (R-REC-7); which kind follows the category. */
export const ItemDetails = t.union([CourseRecordDetails, CadreRecordDetails, SelectedItemDetails], 'ItemDetails');
export type ItemDetails = t.TypeOf<typeof ItemDetails>;

/** R-REC-7: the first item whose details are of another category's kind (course record fields on an outcome, …). */
export const itemOfOtherKind = (
  category: keyof typeof DETAILS_KIND_OF,
  items: ReadonlyArray<{ readonly itemId: string; readonly details?: ItemDetails | null }>,
): { readonly itemId: string; readonly kind: ItemDetails['kind'] } | undefined => {
  for (const { itemId, details } of items) {
    if (details != null && details.kind !== DETAILS_KIND_OF[category]) return { itemId, kind: details.kind };
  }
  return undefined;
};

/** The kind of details each receipt category's items carry (R-REC-7). */
export const DETAILS_KIND_OF = {
  courseRecords: 'courseRecord',
  cadreRecords: 'cadreRecord',
  courseOutcomes: 'selectedItem',
  performances: 'selectedItem',
} as const;
