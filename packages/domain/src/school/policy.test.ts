import {
  certifiersOf,
  foldEvents,
  MEBIBYTE,
  mayCertify,
  parameterFor,
  schoolDecider,
  selectionCapsFor,
  valueInForce,
  workPeriodOf,
  type CourseInfo,
} from '@licheng/domain';
import { schoolEvent, schoolFixture } from '../testing';

const withParameters = (...values: ReadonlyArray<[string, number | null, number]>) =>
  schoolFixture({
    extra: values.map(([parameter, value, effectiveFromSchoolYear]) =>
      schoolEvent('ParameterSet', { parameter, value, effectiveFromSchoolYear }),
    ),
  }).policy;

describe('parameters in force by school year (R-OUT-3, R-OUT-4, R-PERF-2, R-FILE-1, R-FILE-3)', () => {
  const { policy } = schoolFixture();

  it(
    'defaults the upload quota to 10, the per-subject quota to 3 and the reminders to seed 003 (R-OUT-3, R-OUT-4, ' +
      'R-NOTE-1)',
    () => {
      expect(parameterFor(policy, 'outcomeUploadQuota', 111)).toBe(10);
      expect(parameterFor(policy, 'outcomePerSubjectQuota', 111)).toBe(3);
      // R-NOTE-1, seed 003 3.2: teachers told at 13:00, students 3 days before each selection and the certification
      // deadline.
      expect(parameterFor(policy, 'teacherReminderHour', 111)).toBe(13);
      expect(parameterFor(policy, 'outcomeSelectionReminderDays', 111)).toBe(3);
      expect(parameterFor(policy, 'performanceSelectionReminderDays', 111)).toBe(3);
      expect(parameterFor(policy, 'certificationReminderDays', 111)).toBe(3);
    },
  );

  it('defaults the yearly performance cap to none (R-PERF-2)', () => {
    expect(parameterFor(policy, 'performanceYearCap', 111)).toBeNull();
  });

  it('limits files to 2 MB and 5 MB before school year 109 and to 4 MB and 10 MB from 109 (R-FILE-1)', () => {
    expect(parameterFor(policy, 'documentMaxBytes', 108)).toBe(2 * 1_048_576);
    expect(parameterFor(policy, 'mediaMaxBytes', 108)).toBe(5 * 1_048_576);
    expect(parameterFor(policy, 'documentMaxBytes', 109)).toBe(4 * 1_048_576);
    expect(parameterFor(policy, 'mediaMaxBytes', 109)).toBe(10 * 1_048_576);
    expect(parameterFor(policy, 'documentMaxBytes', 111)).toBe(4 * 1_048_576);
  });

  it('counts 1 MB as 1,048,576 bytes (R-FILE-1)', () => {
    expect(MEBIBYTE).toBe(1_048_576);
  });

  it('limits storage to 200 MB (R-FILE-3)', () => {
    expect(parameterFor(policy, 'storageMaxBytes', 111)).toBe(200 * 1_048_576);
  });

  it("applies the school's value from its school year on, and the default before it (R-OUT-3)", () => {
    const set = withParameters(['outcomeUploadQuota', 6, 112]);
    expect(parameterFor(set, 'outcomeUploadQuota', 111)).toBe(10);
    expect(parameterFor(set, 'outcomeUploadQuota', 112)).toBe(6);
    expect(parameterFor(set, 'outcomeUploadQuota', 113)).toBe(6);
  });

  it('keeps an earlier setting in force for its years when a later year gets another value', () => {
    const set = withParameters(['outcomeUploadQuota', 6, 110], ['outcomeUploadQuota', 8, 112]);
    expect(parameterFor(set, 'outcomeUploadQuota', 109)).toBe(10);
    expect(parameterFor(set, 'outcomeUploadQuota', 111)).toBe(6);
    expect(parameterFor(set, 'outcomeUploadQuota', 112)).toBe(8);
  });

  it('lets the later of two settings for the same school year win, whatever order the years were set in', () => {
    expect(
      parameterFor(
        withParameters(['outcomeUploadQuota', 6, 111], ['outcomeUploadQuota', 8, 111]),
        'outcomeUploadQuota',
        111,
      ),
    ).toBe(8);
    expect(
      parameterFor(
        withParameters(['outcomeUploadQuota', 8, 112], ['outcomeUploadQuota', 6, 111]),
        'outcomeUploadQuota',
        112,
      ),
    ).toBe(8);
  });

  it('lets a school set a yearly performance cap of 20 and lift it again (R-PERF-2)', () => {
    const set = withParameters(['performanceYearCap', 20, 111], ['performanceYearCap', null, 112]);
    expect(parameterFor(set, 'performanceYearCap', 111)).toBe(20);
    expect(parameterFor(set, 'performanceYearCap', 112)).toBeNull();
  });

  it('finds no value before the first entry', () => {
    expect(valueInForce([{ effectiveFromSchoolYear: 110, value: 1 }], 109)).toBeUndefined();
  });
});

describe('national selection caps (R-SEL-1)', () => {
  it('caps selection at 6 outcomes and 10 performances per school year', () => {
    expect(selectionCapsFor(111)).toMatchObject({ outcomes: 6, performances: 10 });
    expect(selectionCapsFor(109)).toMatchObject({ outcomes: 6, performances: 10 });
  });
});

describe('who may certify a course (R-OUT-7)', () => {
  const course = (overrides: Partial<CourseInfo>): CourseInfo =>
    ({
      courseId: 'c',
      term: '1111',
      subject: '數學',
      name: '數學',
      credits: 4,
      teacherIds: ['t1'],
      coTaught: false,
      reviewerIds: [],
      proxyIds: [],
      studentIds: {},
      ...overrides,
    }) as CourseInfo;

  it("is the course's teacher, not another teacher", () => {
    expect(mayCertify(course({}), 't1')).toBe(true);
    expect(mayCertify(course({}), 't2')).toBe(false);
  });

  it('is, in a co-taught course, each teacher marked as reviewer and no other co-teacher', () => {
    const coTaught = course({ teacherIds: ['t3', 't4'], coTaught: true, reviewerIds: ['t3'] });
    expect(mayCertify(coTaught, 't3')).toBe(true);
    expect(mayCertify(coTaught, 't4')).toBe(false);
    expect(certifiersOf(coTaught)).toEqual(['t3']);
  });

  it('is nobody in a co-taught course with no reviewer marked', () => {
    expect(mayCertify(course({ teacherIds: ['t3', 't4'], coTaught: true }), 't3')).toBe(false);
  });

  it('includes an appointed proxy', () => {
    const withProxy = course({ proxyIds: ['t9'] });
    expect(mayCertify(withProxy, 't9')).toBe(true);
    expect(certifiersOf(withProxy)).toEqual(['t1', 't9']);
  });

  it('treats a course opened with two teachers as co-taught', () => {
    const { policy } = schoolFixture();
    expect(policy.courses['proj-1112']?.coTaught).toBe(true);
    expect(policy.courses['math-1111']?.coTaught).toBe(false);
  });
});

describe('work periods as folded from events (R-WIN-2, R-WIN-3)', () => {
  it('keeps the latest setting of a period', () => {
    const { events } = schoolFixture();
    const changed = foldEvents(schoolDecider.evolve, schoolDecider.initialState(), [
      ...events,
      schoolEvent('WorkPeriodSet', {
        term: '1111',
        item: 'outcomeUpload',
        window: { start: '2022-09-01T08:00+08:00', end: '2023-01-31T17:00+08:00' },
      }),
    ]);
    expect(workPeriodOf(changed, '1111', 'outcomeUpload')?.end).toBe('2023-01-31T17:00+08:00');
    expect(workPeriodOf(changed, '1112', 'outcomeUpload')?.end).toBe('2023-03-31T17:00+08:00');
  });
});
