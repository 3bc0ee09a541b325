import * as E from 'fp-ts/Either';
import { decodeCommand, portfolioDecider, type FileMeta, type PortfolioEvent, type SchoolEvent } from '@licheng/domain';
import {
  admin,
  contextAt,
  fileMeta,
  mp4,
  parent,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolEvent,
  schoolFixture,
  specify,
  student,
  teacher,
} from '../../testing';

const MiB = 1_048_576;
const given = specify(portfolioDecider);

const courseEvents = (
  courseId: string,
  term: string,
  subject: string,
  credits = 2,
  studentIds = ['s1', 's2'],
): SchoolEvent[] => [
  schoolEvent('CourseOpened', { courseId, term, subject, name: `${subject} ${term}`, credits, teacherIds: ['t6'] }),
  schoolEvent('CourseRosterSynced', { courseId, studentIds }),
];

/** The fixture school with four more subjects in 1111, so that ten uploads fit the per-subject quota. */
const MORE_1111: ReadonlyArray<[string, string]> = [
  ['chi-1111', '國文'],
  ['eng-1111', '英文'],
  ['hist-1111', '歷史'],
  ['geo-1111', '地理'],
];
const extraCourses = [
  ...MORE_1111.flatMap(([id, subject]) => courseEvents(id, '1111', subject)),
  ...courseEvents('bio-1111', '1111', '生物', 2, ['s2']),
];
const { policy } = schoolFixture({ extra: extraCourses });
const policyWith = (...extra: SchoolEvent[]) => schoolFixture({ extra: [...extraCourses, ...extra] }).policy;

const IN_1111 = '2022-10-01T10:00';
const IN_1112 = '2023-03-01T10:00';
const s1 = student('s1');

const uploadData = {
  schoolId: 'sch1',
  studentId: 's1',
  outcomeId: 'o1',
  courseId: 'math-1111',
  description: '函數報告',
  document: pdf(),
};
const upload = (overrides: Record<string, unknown> = {}) =>
  portfolioCommand('UploadCourseOutcome', { ...uploadData, ...overrides });
const uploadOnly = (files: { document?: FileMeta; media?: FileMeta }, overrides: Record<string, unknown> = {}) => {
  const { document: _document, ...rest } = uploadData;
  return portfolioCommand('UploadCourseOutcome', { ...rest, ...files, ...overrides });
};

const subjectOf: Record<string, string> = {
  'math-1111': '數學',
  'phys-1111': '物理',
  'math-1112': '數學',
  'phys-1112': '物理',
  'proj-1112': '專題研究',
  ...Object.fromEntries(MORE_1111),
};
const uploaded = (
  outcomeId: string,
  courseId = 'math-1111',
  files: Record<string, unknown> = { document: pdf() },
): PortfolioEvent =>
  portfolioEvent('CourseOutcomeUploaded', {
    studentId: 's1',
    outcomeId,
    courseId,
    term: courseId.slice(-4),
    subject: subjectOf[courseId],
    description: '成果',
    ...files,
  });

/** `n` uploads in 1111 spread over the other subjects, never more than 2 of one and none in math. */
const uploadsIn1111 = (n: number, files?: Record<string, unknown>): PortfolioEvent[] => {
  const courses = ['chi-1111', 'eng-1111', 'hist-1111', 'geo-1111', 'phys-1111'];
  return Array.from({ length: n }, (_, i) => uploaded(`g${i + 1}`, courses[i % courses.length], files));
};

describe('the course an outcome belongs to (R-OUT-1)', () => {
  it("records the outcome with the course's term and subject", () => {
    given()
      .when(upload(), contextAt(policy, IN_1111, s1))
      .then(
        portfolioEvent('CourseOutcomeUploaded', {
          studentId: 's1',
          outcomeId: 'o1',
          courseId: 'math-1111',
          term: '1111',
          subject: '數學',
          description: '函數報告',
          document: pdf(),
        }),
      );
  });

  it('refuses an outcome for a course without credits (R-OUT-1)', () => {
    given()
      .when(upload({ courseId: 'club-1112' }), contextAt(policy, IN_1112, s1))
      .thenError('COURSE_HAS_NO_CREDITS', 'R-OUT-1');
  });

  it('accepts an outcome for a course of the same term with credits (R-OUT-1)', () => {
    given()
      .when(upload({ courseId: 'proj-1112' }), contextAt(policy, IN_1112, s1))
      .thenSucceeds();
  });

  it('refuses an outcome for a course the student does not take (R-OUT-1)', () => {
    given()
      .when(upload({ courseId: 'bio-1111' }), contextAt(policy, IN_1111, s1))
      .thenError('STUDENT_NOT_IN_COURSE', 'R-OUT-1');
  });

  it("refuses an outcome for a course not in the school's records (R-OUT-1)", () => {
    given()
      .when(upload({ courseId: 'art-1111' }), contextAt(policy, IN_1111, s1))
      .thenError('COURSE_NOT_FOUND', 'R-OUT-1');
  });

  it('refuses an outcome id used before, even by a deleted outcome', () => {
    given(uploaded('o1'), portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'o1' }))
      .when(upload(), contextAt(policy, IN_1111, s1))
      .thenError('ITEM_ID_ALREADY_USED');
  });
});

describe('the files of an outcome (R-OUT-2)', () => {
  it('refuses an outcome without any file (R-OUT-2)', () => {
    given()
      .when(uploadOnly({}), contextAt(policy, IN_1111, s1))
      .thenError('FILE_REQUIRED', 'R-OUT-2');
  });

  it('accepts an outcome with a media file only (R-OUT-2)', () => {
    given()
      .when(uploadOnly({ media: mp4() }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('accepts a document and a media file together as one outcome (R-OUT-2)', () => {
    const { events, state } = given()
      .when(upload({ media: mp4() }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(events).toHaveLength(1);
    expect(Object.keys(state.outcomes)).toEqual(['o1']);
    expect(state.outcomes['o1']).toMatchObject({ document: pdf(), media: mp4() });
  });

  it('counts an outcome with both files once toward the upload quota (R-OUT-2, R-OUT-3)', () => {
    given(...uploadsIn1111(9, { document: pdf(), media: mp4() }))
      .when(upload({ outcomeId: 'o10', media: mp4() }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });
});

describe('the upload quota per semester (R-OUT-3)', () => {
  it('accepts the 10th upload in a term (R-OUT-3)', () => {
    given(...uploadsIn1111(9))
      .when(upload({ outcomeId: 'o10' }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses the 11th upload in a term with OUTCOME_UPLOAD_QUOTA_REACHED (R-OUT-3)', () => {
    const error = given(...uploadsIn1111(10))
      .when(upload({ outcomeId: 'o11' }), contextAt(policy, IN_1111, s1))
      .thenError('OUTCOME_UPLOAD_QUOTA_REACHED', 'R-OUT-3');
    expect(error.details).toMatchObject({ limit: 10, actual: 10, term: '1111' });
  });

  it('does not count deleted outcomes (R-OUT-3)', () => {
    given(...uploadsIn1111(10), portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'g3' }))
      .when(upload({ outcomeId: 'o11' }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('counts per semester: ten in 1111 leave 1112 free (R-OUT-3)', () => {
    given(...uploadsIn1111(10))
      .when(upload({ outcomeId: 'o11', courseId: 'math-1112' }), contextAt(policy, IN_1112, s1))
      .thenSucceeds();
  });

  it('applies a school quota of 6: the 6th passes and the 7th is refused (R-OUT-3)', () => {
    const six = policyWith(
      schoolEvent('ParameterSet', { parameter: 'outcomeUploadQuota', value: 6, effectiveFromSchoolYear: 111 }),
    );
    given(...uploadsIn1111(5))
      .when(upload({ outcomeId: 'o6' }), contextAt(six, IN_1111, s1))
      .thenSucceeds();
    given(...uploadsIn1111(6))
      .when(upload({ outcomeId: 'o7' }), contextAt(six, IN_1111, s1))
      .thenError('OUTCOME_UPLOAD_QUOTA_REACHED', 'R-OUT-3');
  });

  it('applies the quota of the school year of the term, not one set for a later year (R-OUT-3)', () => {
    const later = policyWith(
      schoolEvent('ParameterSet', { parameter: 'outcomeUploadQuota', value: 6, effectiveFromSchoolYear: 112 }),
    );
    given(...uploadsIn1111(6))
      .when(upload({ outcomeId: 'o7' }), contextAt(later, IN_1111, s1))
      .thenSucceeds();
  });
});

describe('the quota per subject (R-OUT-4)', () => {
  const maths = (n: number) => Array.from({ length: n }, (_, i) => uploaded(`m${i + 1}`, 'math-1111'));

  it('accepts a 3rd outcome of one subject in a term (R-OUT-4)', () => {
    given(...maths(2))
      .when(upload(), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses a 4th outcome of one subject in a term (R-OUT-4)', () => {
    const error = given(...maths(3))
      .when(upload(), contextAt(policy, IN_1111, s1))
      .thenError('OUTCOME_SUBJECT_QUOTA_REACHED', 'R-OUT-4');
    expect(error.details).toMatchObject({ limit: 3, actual: 3, subject: '數學' });
  });

  it('leaves other subjects free when one is full (R-OUT-4)', () => {
    given(...maths(3))
      .when(upload({ courseId: 'phys-1111' }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('does not count a deleted outcome of the subject (R-OUT-4)', () => {
    given(...maths(3), portfolioEvent('CourseOutcomeDeleted', { outcomeId: 'm2' }))
      .when(upload(), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('applies a school per-subject quota of 1 (R-OUT-4)', () => {
    const one = policyWith(
      schoolEvent('ParameterSet', { parameter: 'outcomePerSubjectQuota', value: 1, effectiveFromSchoolYear: 111 }),
    );
    given()
      .when(upload(), contextAt(one, IN_1111, s1))
      .thenSucceeds();
    given(...maths(1))
      .when(upload(), contextAt(one, IN_1111, s1))
      .thenError('OUTCOME_SUBJECT_QUOTA_REACHED', 'R-OUT-4');
  });
});

describe('the upload window (R-OUT-5, R-TIME-2, R-WIN-4)', () => {
  it('accepts an upload at 08:00 exactly, when the window opens (R-OUT-5, R-TIME-2)', () => {
    given()
      .when(upload(), contextAt(policy, '2022-09-01T08:00', s1))
      .thenSucceeds();
  });

  it('refuses an upload at 07:59, before the window opens (R-OUT-5)', () => {
    given()
      .when(upload(), contextAt(policy, '2022-09-01T07:59', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('accepts an upload in the last minute of the window (R-OUT-5)', () => {
    given()
      .when(upload(), contextAt(policy, '2023-01-20T16:59', s1))
      .thenSucceeds();
  });

  it('refuses an upload at 17:00 exactly, when the window ends (R-OUT-5, R-TIME-2)', () => {
    given()
      .when(upload(), contextAt(policy, '2023-01-20T17:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it(
    "refuses an upload for a 1111 course during 1112's window: closed terms cannot be uploaded to retroactively " +
      '(R-WIN-4)',
    () => {
      given()
        .when(upload(), contextAt(policy, IN_1112, s1))
        .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
    },
  );

  it("refuses an upload for a 1112 course during 1111's window (R-OUT-5)", () => {
    given()
      .when(upload({ courseId: 'math-1112' }), contextAt(policy, IN_1111, s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-OUT-5');
  });

  it('refuses an upload when the school set no upload window for the term (R-OUT-5)', () => {
    const { ['1111:outcomeUpload']: _removed, ...workPeriods } = policy.workPeriods;
    given()
      .when(upload(), contextAt({ ...policy, workPeriods }, IN_1111, s1))
      .thenError('WORK_PERIOD_NOT_SET', 'R-OUT-5');
  });
});

describe('file types and sizes (R-FILE-1)', () => {
  it('accepts a document of exactly 4 MiB (R-FILE-1)', () => {
    given()
      .when(upload({ document: pdf('big.pdf', 4 * MiB) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses a document of 4 MiB and one byte (R-FILE-1)', () => {
    const error = given()
      .when(upload({ document: pdf('big.pdf', 4 * MiB + 1) }), contextAt(policy, IN_1111, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
    expect(error.details).toMatchObject({ kind: 'document', limit: 4_194_304, actual: 4_194_305 });
  });

  it(
    'counts 1 MB as 1,048,576 bytes: a document of 4,194,304 bytes passes, though it is over 4,000,000 ' + '(R-FILE-1)',
    () => {
      given()
        .when(upload({ document: pdf('big.pdf', 4_194_304) }), contextAt(policy, IN_1111, s1))
        .thenSucceeds();
    },
  );

  it('accepts a media file of exactly 10 MiB (R-FILE-1)', () => {
    given()
      .when(uploadOnly({ media: mp4('long.mp4', 10 * MiB) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses a media file of 10 MiB and one byte (R-FILE-1)', () => {
    given()
      .when(uploadOnly({ media: mp4('long.mp4', 10 * MiB + 1) }), contextAt(policy, IN_1111, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
  });

  describe('before school year 109 (R-FILE-1)', () => {
    const older = schoolFixture({
      extra: [
        schoolEvent('OperatingPeriodSet', {
          schoolYear: 108,
          item: 'outcomes',
          window: { start: '2019-08-01T00:00+08:00', end: '2020-10-31T00:00+08:00' },
        }),
        schoolEvent('WorkPeriodSet', {
          term: '1081',
          item: 'outcomeUpload',
          window: { start: '2019-09-01T08:00+08:00', end: '2020-01-20T17:00+08:00' },
        }),
        schoolEvent('WorkPeriodSet', {
          term: '1082',
          item: 'outcomeUpload',
          window: { start: '2020-02-13T08:00+08:00', end: '2020-08-10T17:00+08:00' },
        }),
        schoolEvent('OperatingPeriodSet', {
          schoolYear: 109,
          item: 'outcomes',
          window: { start: '2020-08-01T00:00+08:00', end: '2021-10-31T00:00+08:00' },
        }),
        schoolEvent('WorkPeriodSet', {
          term: '1091',
          item: 'outcomeUpload',
          window: { start: '2020-09-01T08:00+08:00', end: '2021-01-20T17:00+08:00' },
        }),
        ...courseEvents('math-1081', '1081', '數學', 4),
        ...courseEvents('math-1082', '1082', '數學', 4),
        ...courseEvents('math-1091', '1091', '數學', 4),
      ],
    }).policy;
    const in1081 = (files: { document?: FileMeta; media?: FileMeta }) =>
      given().when(uploadOnly(files, { courseId: 'math-1081' }), contextAt(older, '2019-10-01T10:00', s1));

    it('accepts a document of exactly 2 MiB in school year 108 (R-FILE-1)', () => {
      in1081({ document: pdf('a.pdf', 2 * MiB) }).thenSucceeds();
    });

    it('refuses a document of 2 MiB and one byte in school year 108 (R-FILE-1)', () => {
      in1081({ document: pdf('a.pdf', 2 * MiB + 1) }).thenError('FILE_TOO_LARGE', 'R-FILE-1');
    });

    it('accepts a media file of exactly 5 MiB in school year 108 (R-FILE-1)', () => {
      in1081({ media: mp4('a.mp4', 5 * MiB) }).thenSucceeds();
    });

    it('refuses a media file of 5 MiB and one byte in school year 108 (R-FILE-1)', () => {
      in1081({ media: mp4('a.mp4', 5 * MiB + 1) }).thenError('FILE_TOO_LARGE', 'R-FILE-1');
    });

    it('accepts a 4 MiB document and a 10 MiB media file from school year 109 on (R-FILE-1)', () => {
      given()
        .when(
          uploadOnly({ document: pdf('a.pdf', 4 * MiB), media: mp4('a.mp4', 10 * MiB) }, { courseId: 'math-1091' }),
          contextAt(older, '2020-10-01T10:00', s1),
        )
        .thenSucceeds();
    });

    it(
      'applies the limit in force at the upload instant: a 108-2 outcome uploaded on 2020-08-05 (school year 109) ' +
        'may be 4 MiB (R-FILE-1)',
      () => {
        given()
          .when(
            uploadOnly({ document: pdf('a.pdf', 4 * MiB) }, { courseId: 'math-1082' }),
            contextAt(older, '2020-08-05T10:00', s1),
          )
          .thenSucceeds();
        given()
          .when(
            uploadOnly({ document: pdf('a.pdf', 4 * MiB) }, { courseId: 'math-1082' }),
            contextAt(older, '2020-07-31T10:00', s1),
          )
          .thenError('FILE_TOO_LARGE', 'R-FILE-1');
      },
    );
  });

  it('applies a limit the school set for its school year (R-FILE-1)', () => {
    const small = policyWith(
      schoolEvent('ParameterSet', { parameter: 'documentMaxBytes', value: 3 * MiB, effectiveFromSchoolYear: 111 }),
    );
    given()
      .when(upload({ document: pdf('a.pdf', 3 * MiB + 1) }), contextAt(small, IN_1111, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
  });

  it.each([
    ['report.pdf', 'application/pdf'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['scan.png', 'image/png'],
    ['REPORT.PDF', 'application/pdf'],
    ['scan.png', 'IMAGE/PNG'],
  ])('accepts the document %s (%s) (R-FILE-1)', (name, mime) => {
    given()
      .when(upload({ document: fileMeta(name, mime, 100_000) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it.each([
    ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a Word file'],
    ['report.pdf', 'image/png', 'a .pdf declared as PNG'],
    ['photo.png', 'application/pdf', 'a .png declared as PDF'],
    ['song.mp3', 'audio/mpeg', 'audio in the document slot'],
    ['report', 'application/pdf', 'no extension'],
    ['report.pdf.exe', 'application/pdf', 'a PDF type with an .exe extension'],
  ])('refuses the document %s (%s): %s (R-FILE-1)', (name, mime) => {
    given()
      .when(upload({ document: fileMeta(name, mime, 100_000) }), contextAt(policy, IN_1111, s1))
      .thenError('FILE_TYPE_NOT_ALLOWED', 'R-FILE-1');
  });

  it.each([
    ['talk.mp4', 'video/mp4'],
    ['song.mp3', 'audio/mpeg'],
  ])('accepts the media file %s (%s) (R-FILE-1)', (name, mime) => {
    given()
      .when(uploadOnly({ media: fileMeta(name, mime, 100_000) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it.each([
    ['report.pdf', 'application/pdf', 'a document in the media slot'],
    ['talk.mov', 'video/quicktime', 'a QuickTime film'],
    ['talk.mp4', 'video/quicktime', 'an .mp4 declared as QuickTime'],
  ])('refuses the media file %s (%s): %s (R-FILE-1)', (name, mime) => {
    given()
      .when(uploadOnly({ media: fileMeta(name, mime, 100_000) }), contextAt(policy, IN_1111, s1))
      .thenError('FILE_TYPE_NOT_ALLOWED', 'R-FILE-1');
  });
});

describe('the description (R-FILE-2)', () => {
  it('accepts 100 Chinese characters (R-FILE-2)', () => {
    given()
      .when(upload({ description: '學'.repeat(100) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses 101 Chinese characters (R-FILE-2)', () => {
    const error = given()
      .when(upload({ description: '學'.repeat(101) }), contextAt(policy, IN_1111, s1))
      .thenError('DESCRIPTION_TOO_LONG', 'R-FILE-2');
    expect(error.details).toMatchObject({ limit: 100, actual: 101 });
  });

  it('counts a character outside the BMP (two UTF-16 units) once: 100 of them pass, 101 are refused (R-FILE-2)', () => {
    const rare = '𠮷'; // U+20BB7, a surrogate pair
    expect(rare.repeat(100).length).toBe(200);
    given()
      .when(upload({ description: rare.repeat(100) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    given()
      .when(upload({ description: rare.repeat(101) }), contextAt(policy, IN_1111, s1))
      .thenError('DESCRIPTION_TOO_LONG', 'R-FILE-2');
  });

  it('counts mixed Latin and Chinese text by code points: 100 pass (R-FILE-2)', () => {
    given()
      .when(upload({ description: `${'a'.repeat(50)}${'文'.repeat(50)}` }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    given()
      .when(upload({ description: `${'a'.repeat(50)}${'文'.repeat(51)}` }), contextAt(policy, IN_1111, s1))
      .thenError('DESCRIPTION_TOO_LONG', 'R-FILE-2');
  });
});

describe("the student's total storage (R-FILE-3)", () => {
  /** Performances holding `total` bytes of media in 10 MiB files (the last one smaller). */
  const filling = (total: number): PortfolioEvent[] => {
    const events: PortfolioEvent[] = [];
    for (let i = 0, left = total; left > 0; i++, left -= 10 * MiB) {
      events.push(
        portfolioEvent('PerformanceRecorded', {
          studentId: 's1',
          performanceId: `f${i}`,
          schoolYear: 111,
          semester: 1,
          details: { category: 'creativeWork', name: `作品${i}` },
          startDate: '2022-09-01',
          endDate: '2022-09-01',
          description: '作品',
          media: mp4(`f${i}.mp4`, Math.min(left, 10 * MiB)),
        }),
      );
    }
    return events;
  };

  it('accepts an upload that brings the total to exactly 200 MiB (R-FILE-3)', () => {
    given(...filling(200 * MiB - 500_000))
      .when(upload({ document: pdf('r.pdf', 500_000) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('refuses an upload one byte over 200 MiB in total (R-FILE-3)', () => {
    const error = given(...filling(200 * MiB - 500_000))
      .when(upload({ document: pdf('r.pdf', 500_001) }), contextAt(policy, IN_1111, s1))
      .thenError('STORAGE_QUOTA_EXCEEDED', 'R-FILE-3');
    expect(error.details).toMatchObject({ limit: 200 * MiB, actual: 200 * MiB + 1 });
  });

  it('frees the space of a deleted item (R-FILE-3)', () => {
    given(...filling(200 * MiB), portfolioEvent('PerformanceDeleted', { performanceId: 'f0' }))
      .when(upload({ document: pdf('r.pdf', 4 * MiB) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
  });

  it('counts outcome and performance files together (R-FILE-3)', () => {
    const { state } = given(...filling(15 * MiB))
      .when(upload({ media: mp4('t.mp4', 1_000) }), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(state.storageBytes).toBe(15 * MiB + 500_000 + 1_000);
  });
});

describe('what the library records of a file (R-FILE-4)', () => {
  it('records the metadata of a file, never its bytes, even when the input carries them (R-FILE-4)', () => {
    const decoded = decodeCommand({
      commandId: 'cmd-1',
      now: '2022-10-01T10:00+08:00',
      actor: { id: 's1', role: 'student', schoolId: 'sch1' },
      type: 'UploadCourseOutcome',
      data: { ...uploadData, document: { ...pdf(), bytes: 'JVBERi0xLjQKJcfsj6IK', content: [37, 80, 68, 70] } },
    });
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    const { events } = given()
      .when(decoded.right.command as never, contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    const document = (events[0] as Extract<PortfolioEvent, { type: 'CourseOutcomeUploaded' }>).data.document;
    expect(Object.keys(document ?? {}).sort()).toEqual(['mimeType', 'name', 'sha256', 'sizeBytes', 'storageKey']);
  });

  it(
    'does not record file bytes sent beside the metadata either, nor any field the command does not define ' +
      '(R-FILE-4)',
    () => {
      const decoded = decodeCommand({
        commandId: 'cmd-1',
        now: '2022-10-01T10:00+08:00',
        actor: { id: 's1', role: 'student', schoolId: 'sch1' },
        type: 'UploadCourseOutcome',
        data: { ...uploadData, documentBytes: 'JVBERi0xLjQKJcfsj6IK' },
      });
      if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
      const { events } = given()
        .when(decoded.right.command as never, contextAt(policy, IN_1111, s1))
        .thenSucceeds();
      expect(events[0]?.data).not.toHaveProperty('documentBytes');
    },
  );

  it('records name, type, size, SHA-256 digest and storage key (R-FILE-4)', () => {
    const { state } = given()
      .when(upload(), contextAt(policy, IN_1111, s1))
      .thenSucceeds();
    expect(state.outcomes['o1']?.document).toEqual({
      name: 'report.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 500_000,
      sha256: pdf().sha256,
      storageKey: 'files/report.pdf',
    });
  });
});

describe('who may upload (R-AUTH-1)', () => {
  it("refuses a student uploading to another student's portfolio (R-AUTH-1)", () => {
    given()
      .when(upload(), contextAt(policy, IN_1111, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
  });

  it.each([
    ['a parent', parent('p1')],
    ['a teacher', teacher('t1')],
    ['the administrator', admin()],
  ])('refuses %s uploading for the student (R-AUTH-1)', (_who, actor) => {
    given()
      .when(upload(), contextAt(policy, IN_1111, actor))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });

  it('refuses a student not enrolled at the school (R-AUTH-1)', () => {
    given()
      .when(upload({ studentId: 's9' }), contextAt(policy, IN_1111, student('s9')))
      .thenError('STUDENT_NOT_ENROLLED', 'R-AUTH-1');
  });
});
