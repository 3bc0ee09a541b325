import { foldEvents, schoolDecider, type SchoolEvent, type SchoolState } from '../index';
import { at, schoolEvent, schoolFixture, YEAR_111 } from './builders';

const CATEGORIES = ['courseRecords', 'cadreRecords', 'courseOutcomes', 'performances'] as const;
const periodOf = (category: (typeof CATEGORIES)[number]) =>
  category === 'courseOutcomes' || category === 'performances' ? '1110' : '1112';
const isRoundItem = (item: string) => /(Submission|Confirmation|Recheck)$/.test(item);

/**
 * R-ROUND-1: the windows of the other grades' round (entry years 110 and 111) in school year 111: as seed 001
 * has the 高二 and 高三 confirm later than the seniors, submission 6/24, confirmation 6/26 – 7/1, re-check 7/3.
 */
export const LATER_ROUND = {
  submission: { start: at('2023-06-24T08:00'), end: at('2023-06-25T08:00') },
  confirmation: { start: at('2023-06-26T08:00'), end: at('2023-07-01T17:00') },
  recheck: { start: at('2023-07-03T08:00'), end: at('2023-07-03T17:00') },
} as const;

export const SENIORS = [109] as const;
export const OTHER_GRADES = [110, 111] as const;

/**
 * The fixture school run in two rounds a period (R-ROUND-1): the seniors (entry year 109, s1 and s2) on
 * seed 000's April calendar of `YEAR_111`, the other grades (110 and 111) on `LATER_ROUND`. Junior j1
 * (entry year 110, 普通二01班) takes math-1112 too, and the term-1112 upload window runs to 6/30 so the
 * juniors can still upload after the seniors' round is sealed.
 */
export const roundsFixture = () => {
  const base = schoolFixture();
  const window = (kind: keyof typeof LATER_ROUND, cohorts: ReadonlyArray<number>) =>
    CATEGORIES.map((category) => {
      const item = `${category}${kind[0]!.toUpperCase()}${kind.slice(1)}`;
      const span = cohorts === SENIORS ? YEAR_111[kind] : LATER_ROUND[kind];
      return schoolEvent('WorkPeriodSet', { term: periodOf(category), item, window: span, cohorts });
    });
  const rounds = [SENIORS, OTHER_GRADES].flatMap((cohorts) =>
    (['submission', 'confirmation', 'recheck'] as const).flatMap((kind) => window(kind, cohorts)),
  );
  const events: SchoolEvent[] = [
    ...base.events.filter((event) => !(event.type === 'WorkPeriodSet' && isRoundItem(event.data.item))),
    ...rounds,
    schoolEvent('WorkPeriodSet', {
      term: '1112',
      item: 'outcomeUpload',
      window: { start: YEAR_111.outcomeUpload2.start, end: at('2023-06-30T17:00') },
    }),
    schoolEvent('ClassRegistered', {
      classId: 'c201',
      schoolYear: 111,
      name: '普通二01班',
      homeroomTeacherId: 't-home2',
    }),
    schoolEvent('StudentEnrolled', { studentId: 'j1', studentNumber: '110001', name: '王小美', entrySchoolYear: 110 }),
    schoolEvent('StudentPlaced', { studentId: 'j1', schoolYear: 111, classId: 'c201', seatNumber: 1 }),
    schoolEvent('CourseRosterSynced', { courseId: 'math-1112', studentIds: ['s1', 's2', 'j1'] }),
  ];
  const policy: SchoolState = foldEvents(schoolDecider.evolve, schoolDecider.initialState(), events);
  return { schoolId: base.schoolId, events, policy };
};
