import * as t from 'io-ts';
import { SchoolYear } from '../shared/term';
import type { SchoolPolicy } from './state';
import type { ReceiptCategory, WorkItem } from './workItems';

/**
 * R-ROUND-1: the cohorts a round (梯次) covers, as entry school years (入學年度), ascending without repeats,
 * so one round has one spelling. A cohort rather than a grade: a grade changes every August, while the
 * seniors of 111-2 (seed 000) are the cohort that entered in 109 whatever the calendar says.
 */
export const Cohorts = t.refinement(
  t.array(SchoolYear),
  (years) => years.length > 0 && years.every((year, i) => i === 0 || years[i - 1]! < year),
  'Cohorts',
);
export type Cohorts = t.TypeOf<typeof Cohorts>;

/**
 * A round's cohorts, or `null` for the round covering every cohort: what a window, roster or seal without
 * `cohorts` means, and all that existed before rounds (a v1/v2 PeriodSealed seals that round).
 */
export type RoundCohorts = ReadonlyArray<number> | null;

/** `:109.110` for a cohort round, '' for the every-cohort round: old keys and stream names stay as they were. */
export const cohortsSuffix = (cohorts: RoundCohorts | undefined, separator = ':'): string =>
  cohorts ? `${separator}${cohorts.join('.')}` : '';

/** The key of a round in the school state (sealed rounds): `${category}:${period}` plus the cohorts. */
export const roundKey = (category: string, period: string, cohorts: RoundCohorts | undefined): string =>
  `${category}:${period}${cohortsSuffix(cohorts)}`;

/** The receipt categories' work items that belong to a round: submission, confirmation and re-check (R-ROUND-1). */
export const isRoundItem = (item: WorkItem): boolean => /(Submission|Confirmation|Recheck)$/.test(item);

/** How a round is named in messages: 入學年度 109、110 / entry years 109, 110, or 全體 / every cohort. */
export const roundLabel = (cohorts: RoundCohorts | undefined): { readonly zh: string; readonly en: string } =>
  cohorts
    ? { zh: `入學年度 ${cohorts.join('、')}`, en: `entry years ${cohorts.join(', ')}` }
    : { zh: '全體學生', en: 'every cohort' };

/** The rounds the school has for a category's period (each one's cohorts), in the order they appeared. */
export const roundsOf = (
  policy: SchoolPolicy,
  category: ReceiptCategory,
  period: string,
): ReadonlyArray<RoundCohorts> => policy.rounds[`${category}:${period}`] ?? [];

/**
 * R-ROUND-2: the round of a category's period that covers an entry year: the cohort round naming it, else
 * the every-cohort round (which cannot coexist with cohort rounds of the same period, so a student of a
 * cohort no round names belongs to no open round and no other round's seal reaches them).
 */
export const roundCoveringCohort = (
  policy: SchoolPolicy,
  category: ReceiptCategory,
  period: string,
  entrySchoolYear: number | undefined,
): RoundCohorts =>
  roundsOf(policy, category, period).find(
    (cohorts) => cohorts !== null && entrySchoolYear !== undefined && cohorts.includes(entrySchoolYear),
  ) ?? null;

/** The round of a category's period that a student belongs to, by their entry school year. */
export const roundOfStudent = (
  policy: SchoolPolicy,
  category: ReceiptCategory,
  period: string,
  studentId: string,
): RoundCohorts => roundCoveringCohort(policy, category, period, policy.students[studentId]?.entrySchoolYear);

/** R-SEAL-1 / R-ROUND-2: whether this round is sealed. */
export const isRoundSealed = (
  policy: SchoolPolicy,
  category: ReceiptCategory,
  period: string,
  cohorts: RoundCohorts | undefined,
): boolean => policy.sealed[roundKey(category, period, cohorts)] === true;

/** R-SEAL-2 / R-ROUND-2: whether the round a student belongs to is sealed; another round's seal does not count. */
export const isSealedFor = (
  policy: SchoolPolicy,
  category: ReceiptCategory,
  period: string,
  studentId: string,
): boolean => isRoundSealed(policy, category, period, roundOfStudent(policy, category, period, studentId));

/** Whether two rounds of one period would share a student: the every-cohort round shares with any. */
export const roundsOverlap = (a: RoundCohorts, b: RoundCohorts): boolean =>
  a === null || b === null || a.some((year) => b.includes(year));

/** Same round: both every-cohort, or the same cohorts. */
export const sameRound = (a: RoundCohorts | undefined, b: RoundCohorts | undefined): boolean =>
  cohortsSuffix(a) === cohortsSuffix(b);
