/** A span of Taipei wall-clock time `YYYY-MM-DDTHH:mm`, half-open (R-TIME-2). */
export type Span = readonly [string, string];

/** The first school year the example runs on an empty store: its ids are the ones the example always wrote. */
export const FIRST_YEAR = 111;

/** R-ROUND-1: a round of one period, named by the cohorts (entry years) it covers, on its own calendar. */
export interface Round {
  readonly name: string;
  readonly cohorts: ReadonlyArray<number>;
  readonly submission: Span;
  readonly confirmation: Span;
  readonly recheck: Span;
}

/** Everything dated in one school year of the example: its terms, windows, rounds and the dates students write. */
export interface SchoolYearCalendar {
  readonly year: number;
  /** R-TIME-1: `YYY1`, `YYY2`, and `YYY0` for the whole year (selection, yearly categories). */
  readonly term1: string;
  readonly term2: string;
  readonly wholeYear: string;
  /** When the city opens the year and the school sets it up. */
  readonly setUpAt: string;
  readonly operating: Span;
  readonly upload1: Span;
  readonly certify1: Span;
  readonly upload2: Span;
  readonly certify2: Span;
  readonly performances: Span;
  /** Students record performances in the winter break, between the two semesters' outcomes (R-TIME-4). */
  readonly recording: Span;
  readonly cadreSync: string;
  readonly cadreProof: string;
  readonly selection: Span;
  /** Seniors first: they confirm in April, the other grades in June–July. */
  readonly rounds: ReadonlyArray<Round>;
  /** Dates students write into their performances (`YYYY-MM-DD`), in this year. */
  readonly dates: {
    readonly competitionResult: string;
    readonly certificateObtained: string;
    readonly activityStart: string;
    readonly activityEnd: string;
    /** Before `activityStart`: the few records a student dates wrongly (R-PERF-4). */
    readonly activityEndTooEarly: string;
    readonly cadreStart: string;
    readonly cadreEnd: string;
  };
  /**
   * An id made unique to this year: as it is in the first year, with `-YYY` after it in later years, so the
   * performance `1100001-p1` of 111 and that of 112 are two performances and the first year's log stays as it was.
   */
  readonly scoped: (id: string) => string;
}

/** School year 111 on the calendar of seed 000 (建國中學, term 1112): confirmation 4/14 08:00 – 4/18 10:30. */
const YEAR_111 = {
  setUpAt: '2022-08-01T09:00',
  operating: ['2022-08-01T00:00', '2023-10-31T00:00'],
  upload1: ['2022-09-01T08:00', '2023-01-20T17:00'],
  certify1: ['2023-01-21T08:00', '2023-02-10T17:00'],
  upload2: ['2023-02-13T08:00', '2023-03-31T17:00'],
  certify2: ['2023-04-01T08:00', '2023-04-10T17:00'],
  performances: ['2022-08-01T08:00', '2023-04-11T08:00'],
  recording: ['2023-02-10T17:30', '2023-02-12T08:00'],
  cadreSync: '2023-02-12T09:00',
  cadreProof: '2023-02-12T20:00',
  selection: ['2023-04-11T08:00', '2023-04-13T17:00'],
  /**
   * R-ROUND-1: two rounds a period. The seniors (高三) confirm in April on seed 000's calendar; the other grades
   * are submitted in June and confirm from 6/26, as seed 001 has 高二 and 高三 confirm on their own later calendar.
   */
  rounds: [
    {
      name: '高三 seniors',
      submission: ['2023-04-13T17:00', '2023-04-14T08:00'],
      confirmation: ['2023-04-14T08:00', '2023-04-18T10:30'],
      recheck: ['2023-04-20T08:00', '2023-04-20T17:00'],
    },
    {
      name: '高一高二 other grades',
      submission: ['2023-06-24T08:00', '2023-06-25T08:00'],
      confirmation: ['2023-06-26T08:00', '2023-07-01T17:00'],
      recheck: ['2023-07-03T08:00', '2023-07-03T17:00'],
    },
  ],
  dates: {
    competitionResult: '2022-11-20',
    certificateObtained: '2022-12-10',
    activityStart: '2022-09-01',
    activityEnd: '2022-12-31',
    activityEndTooEarly: '2022-08-15',
    cadreStart: '2023-02-13',
    cadreEnd: '2023-06-30',
  },
} as const;

/** R-TIME-1: the same wall-clock time `years` later; no date of the calendar is a 29 February. */
const later = (years: number) => (text: string) => `${Number(text.slice(0, 4)) + years}${text.slice(4)}`;

/**
 * School year `year` of the example: year 111's calendar moved by whole years. Seniors are the cohort that entered
 * two years before (高三); the other round covers the two cohorts after them (高二, 高一).
 */
export const calendarOf = (year: number): SchoolYearCalendar => {
  const shift = later(year - FIRST_YEAR);
  const span = ([start, end]: Span): Span => [shift(start), shift(end)];
  const d = YEAR_111.dates;
  const [seniors, others] = YEAR_111.rounds;
  const round = (r: typeof seniors | typeof others, cohorts: ReadonlyArray<number>): Round => ({
    name: r.name,
    cohorts,
    submission: span(r.submission),
    confirmation: span(r.confirmation),
    recheck: span(r.recheck),
  });
  return {
    year,
    term1: `${year}1`,
    term2: `${year}2`,
    wholeYear: `${year}0`,
    setUpAt: shift(YEAR_111.setUpAt),
    operating: span(YEAR_111.operating),
    upload1: span(YEAR_111.upload1),
    certify1: span(YEAR_111.certify1),
    upload2: span(YEAR_111.upload2),
    certify2: span(YEAR_111.certify2),
    performances: span(YEAR_111.performances),
    recording: span(YEAR_111.recording),
    cadreSync: shift(YEAR_111.cadreSync),
    cadreProof: shift(YEAR_111.cadreProof),
    selection: span(YEAR_111.selection),
    rounds: [round(seniors, [year - 2]), round(others, [year - 1, year])],
    dates: {
      competitionResult: shift(d.competitionResult),
      certificateObtained: shift(d.certificateObtained),
      activityStart: shift(d.activityStart),
      activityEnd: shift(d.activityEnd),
      activityEndTooEarly: shift(d.activityEndTooEarly),
      cadreStart: shift(d.cadreStart),
      cadreEnd: shift(d.cadreEnd),
    },
    scoped: (id) => (year === FIRST_YEAR ? id : `${id}-${year}`),
  };
};
