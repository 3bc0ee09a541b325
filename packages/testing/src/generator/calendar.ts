import { taipeiInstantOf, type TaipeiInstant, type Window } from '@licheng/domain';

/** Minutes are the unit of every instant (R-TIME-2); the generator counts in epoch milliseconds. */
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/** Epoch milliseconds of a Taipei wall-clock time `YYYY-MM-DDTHH:mm`. */
export const msOf = (text: string): number => Date.parse(`${text}:00+08:00`);
export const instantOf = (ms: number): TaipeiInstant => taipeiInstantOf(new Date(ms));
/** The Taipei calendar date `YYYY-MM-DD` of an instant in epoch milliseconds. */
export const dateOfMs = (ms: number): string => instantOf(ms).slice(0, 10);

export interface Span {
  readonly start: number;
  readonly end: number;
}

const span = (start: string, end: string): Span => ({ start: msOf(start), end: msOf(end) });
export const windowOf = (s: Span): Window => ({ start: instantOf(s.start), end: instantOf(s.end) });

/** The windows of one school year, shaped like seed 000's calendar (R-WIN-1, R-WIN-2). */
export interface YearCalendar {
  readonly schoolYear: number;
  /** Gregorian years of the autumn and of the spring. */
  readonly autumn: number;
  readonly spring: number;
  readonly operating: Span;
  readonly upload: readonly [Span, Span];
  readonly certification: readonly [Span, Span];
  readonly performanceUpload: Span;
  readonly selection: Span;
  /** Per semester (course and cadre records) and for the year (outcomes and performances). */
  readonly receipts: {
    readonly semester: readonly [ReceiptSpans, ReceiptSpans];
    readonly year: ReceiptSpans;
  };
}

export interface ReceiptSpans {
  readonly submission: Span;
  readonly confirmation: Span;
  readonly recheck: Span;
}

/**
 * School year `schoolYear` (ROC), August to July. Certification opens while uploads are still open, so
 * a failed outcome can be edited and sent again in the same semester (R-OUT-10).
 */
export const calendarOf = (schoolYear: number): YearCalendar => {
  const a = schoolYear + 1911;
  const s = a + 1;
  return {
    schoolYear,
    autumn: a,
    spring: s,
    operating: span(`${a}-08-01T00:00`, `${s}-10-31T00:00`),
    upload: [span(`${a}-09-01T08:00`, `${s}-01-20T17:00`), span(`${s}-02-13T08:00`, `${s}-03-31T17:00`)],
    certification: [span(`${a}-10-01T08:00`, `${s}-02-10T17:00`), span(`${s}-03-01T08:00`, `${s}-04-10T17:00`)],
    performanceUpload: span(`${a}-08-01T08:00`, `${s}-04-11T17:00`),
    selection: span(`${s}-04-11T08:00`, `${s}-04-13T17:00`),
    receipts: {
      semester: [
        {
          submission: span(`${s}-02-13T08:00`, `${s}-02-14T08:00`),
          confirmation: span(`${s}-02-15T08:00`, `${s}-02-20T17:00`),
          recheck: span(`${s}-02-22T08:00`, `${s}-02-22T17:00`),
        },
        {
          submission: span(`${s}-06-24T08:00`, `${s}-06-25T08:00`),
          confirmation: span(`${s}-06-26T08:00`, `${s}-07-01T17:00`),
          recheck: span(`${s}-07-03T08:00`, `${s}-07-03T17:00`),
        },
      ],
      year: {
        submission: span(`${s}-04-13T17:00`, `${s}-04-14T08:00`),
        confirmation: span(`${s}-04-14T08:00`, `${s}-04-18T10:30`),
        recheck: span(`${s}-04-20T08:00`, `${s}-04-20T17:00`),
      },
    },
  };
};
