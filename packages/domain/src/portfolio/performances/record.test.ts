import * as E from 'fp-ts/Either';
import {
  PERFORMANCE_CATEGORY_NAMES,
  PORTFOLIO_COMMAND_DATA,
  portfolioDecider,
  type PortfolioEvent,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import {
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
const { policy } = schoolFixture();
const s1 = student('s1');
const IN_WINDOW = '2022-12-01T10:00';
const IN_SELECTION = '2023-04-12T10:00';

const DETAILS = {
  cadre: { category: 'cadre', unit: '學生會', position: '會長', level: '校級' },
  competition: {
    category: 'competition',
    name: '全國高級中等學校科學展覽會',
    eventGroup: '物理科',
    level: '全國',
    award: '佳作',
    resultDate: '2022-11-20',
    participation: 'team',
  },
  certificate: {
    category: 'certificate',
    code: '1100',
    name: '全民英檢',
    obtainedDate: '2022-12-01',
    scoreOrLevel: '中級',
  },
  serviceLearning: { category: 'serviceLearning', unit: '社區圖書館', name: '閱讀推廣' },
  flexibleLearning: { category: 'flexibleLearning', kind: '自主學習', name: '程式設計', periodsPerWeek: 2, weeks: 18 },
  groupActivity: { category: 'groupActivity', kind: '社團活動', name: '天文社' },
  workplaceLearning: { category: 'workplaceLearning', unit: '臺北市立動物園', name: '職場見習' },
  creativeWork: { category: 'creativeWork', name: '短篇小說集' },
  universityPreCourse: {
    category: 'universityPreCourse',
    institution: '國立臺灣大學',
    courseName: '微積分',
    credits: 2,
  },
  other: { category: 'other', name: '國際交流' },
} as const;

const recordData = {
  schoolId: 'sch1',
  studentId: 's1',
  performanceId: 'p1',
  schoolYear: 111,
  semester: 1,
  details: DETAILS.competition,
  startDate: '2022-10-01',
  endDate: '2022-10-02',
  description: '科展作品',
  document: pdf(),
};
const record = (overrides: Record<string, unknown> = {}) =>
  portfolioCommand('RecordPerformance', { ...recordData, ...overrides });
const recordWithout = (keys: ReadonlyArray<string>, overrides: Record<string, unknown> = {}) => {
  const data: Record<string, unknown> = { ...recordData, ...overrides };
  for (const key of keys) delete data[key];
  return portfolioCommand('RecordPerformance', data);
};
const recorded = (performanceId: string, overrides: Record<string, unknown> = {}): PortfolioEvent => {
  const { schoolId: _schoolId, ...data } = recordData;
  return portfolioEvent('PerformanceRecorded', { ...data, performanceId, ...overrides });
};
const many = (n: number, overrides: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => recorded(`q${i + 1}`, overrides));
const ref = (performanceId = 'p1') => ({ schoolId: 'sch1', studentId: 's1', performanceId });
const editData = {
  ...ref(),
  details: DETAILS.competition,
  startDate: '2022-10-01',
  endDate: '2022-10-03',
  description: '科展作品（修訂）',
  document: pdf('v2.pdf', 700_000),
};
const edit = (overrides: Record<string, unknown> = {}) =>
  portfolioCommand('EditPerformance', { ...editData, ...overrides });

/** True when the RecordPerformance codec accepts the data; false when it is refused as INVALID_INPUT. */
const decodes = (overrides: Record<string, unknown>): boolean => {
  const result = decodeWith(
    PORTFOLIO_COMMAND_DATA.RecordPerformance,
    'RecordPerformance',
  )({ ...recordData, ...overrides });
  if (E.isLeft(result)) expect(result.left.code).toBe('INVALID_INPUT');
  return E.isRight(result);
};

describe('the ten categories (R-PERF-1)', () => {
  it.each(Object.entries(DETAILS))('records a performance of category %s (R-PERF-1)', (_name, details) => {
    const { schoolId: _schoolId, ...data } = recordData;
    given()
      .when(record({ details }), contextAt(policy, IN_WINDOW, s1))
      .then(portfolioEvent('PerformanceRecorded', { ...data, details }));
  });

  it('knows exactly ten categories with the names the platform shows (R-PERF-1)', () => {
    expect(Object.values(PERFORMANCE_CATEGORY_NAMES)).toEqual([
      '幹部經歷暨事蹟紀錄',
      '競賽參與',
      '檢定證照',
      '服務學習',
      '彈性學習時間',
      '團體活動時間',
      '職場學習',
      '作品成果',
      '大學及技專校院先修課程',
      '其他多元表現',
    ]);
  });

  it('refuses an eleventh, unknown category as input (R-PERF-1)', () => {
    expect(decodes({ details: { category: 'sports', name: '校隊' } })).toBe(false);
  });

  it('refuses changing the category of a performance on edit (R-PERF-1)', () => {
    given(recorded('p1'))
      .when(edit({ details: DETAILS.creativeWork }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_CATEGORY_CHANGED', 'R-PERF-1');
  });
});

describe('no certification and no cap by default (R-PERF-2)', () => {
  it('lets a recorded performance be selected without any certification (R-PERF-2)', () => {
    given(recorded('p1'))
      .when(portfolioCommand('SelectPerformance', ref()), contextAt(policy, IN_SELECTION, s1))
      .then(portfolioEvent('PerformanceSelected', { performanceId: 'p1', schoolYear: 111 }));
  });

  it('accepts a 31st performance in a school year when the school set no cap (R-PERF-2)', () => {
    given(...many(30))
      .when(record(), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
  });

  describe('with a cap of 20, as seed 004 (R-PERF-2)', () => {
    const capped = schoolFixture({
      extra: [
        schoolEvent('ParameterSet', { parameter: 'performanceYearCap', value: 20, effectiveFromSchoolYear: 111 }),
      ],
    }).policy;

    it('accepts the 20th performance of the year (R-PERF-2)', () => {
      given(...many(19))
        .when(record(), contextAt(capped, IN_WINDOW, s1))
        .thenSucceeds();
    });

    it('refuses the 21st performance of the year (R-PERF-2)', () => {
      const error = given(...many(20))
        .when(record(), contextAt(capped, IN_WINDOW, s1))
        .thenError('PERFORMANCE_YEAR_CAP_REACHED', 'R-PERF-2');
      expect(error.details).toMatchObject({ limit: 20, actual: 20, schoolYear: 111 });
    });

    it('does not count deleted performances (R-PERF-2)', () => {
      given(...many(20), portfolioEvent('PerformanceDeleted', { performanceId: 'q5' }))
        .when(record(), contextAt(capped, IN_WINDOW, s1))
        .thenSucceeds();
    });

    it("does not count another school year's performances (R-PERF-2)", () => {
      given(...many(20, { schoolYear: 110, startDate: '2021-10-01', endDate: '2021-10-02' }))
        .when(record(), contextAt(capped, IN_WINDOW, s1))
        .thenSucceeds();
    });
  });
});

describe('the files of a performance (R-PERF-3, R-FILE-1, R-FILE-2)', () => {
  it('refuses a performance without any file (R-PERF-3)', () => {
    given()
      .when(recordWithout(['document']), contextAt(policy, IN_WINDOW, s1))
      .thenError('FILE_REQUIRED', 'R-PERF-3');
  });

  it('accepts an external media link once a media file is attached (R-PERF-3)', () => {
    given()
      .when(record({ media: mp4(), externalLink: 'https://youtu.be/abc' }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
  });

  it('refuses an external media link with only a document attached (R-PERF-3)', () => {
    given()
      .when(record({ externalLink: 'https://youtu.be/abc' }), contextAt(policy, IN_WINDOW, s1))
      .thenError('EXTERNAL_LINK_REQUIRES_MEDIA', 'R-PERF-3');
  });

  it('refuses an edit that adds a link but drops the media file (R-PERF-3)', () => {
    given(recorded('p1', { media: mp4(), externalLink: 'https://youtu.be/abc' }))
      .when(edit({ externalLink: 'https://youtu.be/abc' }), contextAt(policy, IN_WINDOW, s1))
      .thenError('EXTERNAL_LINK_REQUIRES_MEDIA', 'R-PERF-3');
  });

  it('accepts a document of exactly 4 MiB and refuses one byte more (R-PERF-3, R-FILE-1)', () => {
    given()
      .when(record({ document: pdf('a.pdf', 4 * MiB) }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    given()
      .when(record({ document: pdf('a.pdf', 4 * MiB + 1) }), contextAt(policy, IN_WINDOW, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
  });

  it('accepts a media file of exactly 10 MiB and refuses one byte more (R-PERF-3, R-FILE-1)', () => {
    given()
      .when(record({ media: mp4('a.mp4', 10 * MiB) }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    given()
      .when(record({ media: mp4('a.mp4', 10 * MiB + 1) }), contextAt(policy, IN_WINDOW, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
  });

  it('refuses a Word file as the document (R-PERF-3, R-FILE-1)', () => {
    given()
      .when(record({ document: fileMeta('a.docx', 'application/msword', 1000) }), contextAt(policy, IN_WINDOW, s1))
      .thenError('FILE_TYPE_NOT_ALLOWED', 'R-FILE-1');
  });

  it('accepts a description of 100 Chinese characters and refuses 101 (R-FILE-2)', () => {
    given()
      .when(record({ description: '多'.repeat(100) }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    given()
      .when(record({ description: '多'.repeat(101) }), contextAt(policy, IN_WINDOW, s1))
      .thenError('DESCRIPTION_TOO_LONG', 'R-FILE-2');
  });

  it('adds the files to the storage total and frees them on delete (R-FILE-3)', () => {
    const { state } = given()
      .when(record({ media: mp4('a.mp4', 1_000_000) }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    expect(state.storageBytes).toBe(500_000 + 1_000_000);
    const after = given(recorded('p1', { media: mp4('a.mp4', 1_000_000) }), recorded('p2'))
      .when(portfolioCommand('DeletePerformance', ref('p1')), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    expect(after.state.storageBytes).toBe(500_000);
  });
});

describe('dates and hours (R-PERF-4)', () => {
  it('accepts an end date equal to the start date (R-PERF-4)', () => {
    given()
      .when(record({ startDate: '2022-10-01', endDate: '2022-10-01' }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
  });

  it('refuses an end date before the start date (R-PERF-4)', () => {
    given()
      .when(record({ startDate: '2022-10-02', endDate: '2022-10-01' }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_DATES_REVERSED', 'R-PERF-4');
  });

  it('accepts 24 hours on a single day and refuses 25 (R-PERF-4)', () => {
    const oneDay = { startDate: '2022-10-01', endDate: '2022-10-01' };
    given()
      .when(record({ ...oneDay, hours: 24 }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    given()
      .when(record({ ...oneDay, hours: 25 }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_HOURS_EXCEED_DAYS', 'R-PERF-4');
  });

  it('accepts 72 hours over three days and refuses 73 (R-PERF-4)', () => {
    const threeDays = { startDate: '2022-10-01', endDate: '2022-10-03' };
    given()
      .when(record({ ...threeDays, hours: 72 }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    given()
      .when(record({ ...threeDays, hours: 73 }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_HOURS_EXCEED_DAYS', 'R-PERF-4');
  });

  it('accepts a start on 1 July of the entry year, 2020-07-01 for entry year 109 (R-PERF-4)', () => {
    given()
      .when(record({ startDate: '2020-07-01', endDate: '2020-07-01' }), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
  });

  it('refuses a start on 30 June of the entry year (R-PERF-4)', () => {
    given()
      .when(record({ startDate: '2020-06-30', endDate: '2020-07-02' }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_DATE_TOO_EARLY', 'R-PERF-4');
  });

  it('refuses a competition result dated before 1 July of the entry year (R-PERF-4)', () => {
    given()
      .when(record({ details: { ...DETAILS.competition, resultDate: '2020-06-30' } }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_DATE_TOO_EARLY', 'R-PERF-4');
  });

  it('refuses a certificate obtained before 1 July of the entry year (R-PERF-4)', () => {
    given()
      .when(
        record({ details: { ...DETAILS.certificate, obtainedDate: '2019-12-01' } }),
        contextAt(policy, IN_WINDOW, s1),
      )
      .thenError('PERFORMANCE_DATE_TOO_EARLY', 'R-PERF-4');
  });

  it('checks dates on edit too (R-PERF-4)', () => {
    given(recorded('p1'))
      .when(edit({ startDate: '2022-10-05', endDate: '2022-10-04' }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_DATES_REVERSED', 'R-PERF-4');
    given(recorded('p1'))
      .when(edit({ startDate: '2022-10-01', endDate: '2022-10-01', hours: 25 }), contextAt(policy, IN_WINDOW, s1))
      .thenError('PERFORMANCE_HOURS_EXCEED_DAYS', 'R-PERF-4');
  });

  it('refuses an impossible date as input (R-PERF-4)', () => {
    expect(decodes({ startDate: '2023-02-29', endDate: '2023-03-01' })).toBe(false);
  });
});

describe('flexible learning time (R-PERF-5)', () => {
  const flexible = (overrides: Record<string, unknown>) => ({ details: { ...DETAILS.flexibleLearning, ...overrides } });

  it.each(['自主學習', '選手培訓', '充實(增廣)課程', '補強性課程', '學校特色活動'])(
    'accepts the kind %s (R-PERF-5)',
    (kind) => {
      expect(decodes(flexible({ kind }))).toBe(true);
    },
  );

  it('refuses any other kind (R-PERF-5)', () => {
    expect(decodes(flexible({ kind: '社團活動' }))).toBe(false);
  });

  it('accepts 1 period per week and refuses 0, -1 and 1.5 (R-PERF-5)', () => {
    expect(decodes(flexible({ periodsPerWeek: 1 }))).toBe(true);
    expect(decodes(flexible({ periodsPerWeek: 0 }))).toBe(false);
    expect(decodes(flexible({ periodsPerWeek: -1 }))).toBe(false);
    expect(decodes(flexible({ periodsPerWeek: 1.5 }))).toBe(false);
  });

  it('accepts 1 and 18 weeks and refuses 0, 19 and 2.5 (R-PERF-5)', () => {
    expect(decodes(flexible({ weeks: 1 }))).toBe(true);
    expect(decodes(flexible({ weeks: 18 }))).toBe(true);
    expect(decodes(flexible({ weeks: 0 }))).toBe(false);
    expect(decodes(flexible({ weeks: 19 }))).toBe(false);
    expect(decodes(flexible({ weeks: 2.5 }))).toBe(false);
  });

  it('records a flexible learning performance (R-PERF-5)', () => {
    given()
      .when(record(flexible({ unit: '資訊科' })), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
  });
});

describe('competition and certificate fields (R-PERF-7)', () => {
  it.each(['校級', '縣市級', '全國', '國際'])('accepts the competition level %s (R-PERF-7)', (level) => {
    expect(decodes({ details: { ...DETAILS.competition, level } })).toBe(true);
  });

  it('refuses any other competition level (R-PERF-7)', () => {
    expect(decodes({ details: { ...DETAILS.competition, level: '區域' } })).toBe(false);
  });

  it.each(['name', 'eventGroup', 'level', 'award', 'resultDate', 'participation'])(
    'refuses a competition without its %s (R-PERF-7)',
    (field) => {
      const { [field as keyof typeof DETAILS.competition]: _dropped, ...details } = DETAILS.competition;
      expect(decodes({ details })).toBe(false);
    },
  );

  it('accepts team and individual participation and nothing else (R-PERF-7)', () => {
    expect(decodes({ details: { ...DETAILS.competition, participation: 'individual' } })).toBe(true);
    expect(decodes({ details: { ...DETAILS.competition, participation: 'pair' } })).toBe(false);
  });

  it.each(['code', 'obtainedDate', 'scoreOrLevel'])('refuses a certificate without its %s (R-PERF-7)', (field) => {
    const { [field as keyof typeof DETAILS.certificate]: _dropped, ...details } = DETAILS.certificate;
    expect(decodes({ details })).toBe(false);
  });

  it('refuses an impossible certificate date (R-PERF-7)', () => {
    expect(decodes({ details: { ...DETAILS.certificate, obtainedDate: '2023-02-29' } })).toBe(false);
  });
});

describe('editing and deleting until submitted (R-PERF-8)', () => {
  /** The performance upload window extended past the submission, so that only submission stops a change. */
  const extended = schoolFixture({
    extra: [
      schoolEvent('WorkPeriodSet', {
        term: '1110',
        item: 'performanceUpload',
        window: { start: '2022-08-01T08:00+08:00', end: '2023-07-31T17:00+08:00' },
      }),
    ],
  }).policy;
  const statement = portfolioEvent('ReceiptStatementIssued', {
    studentId: 's1',
    category: 'performances',
    period: '1110',
    fid: 'F0001',
    items: [{ itemId: 'p1', title: '科展作品' }],
  });
  const AFTER_SUBMISSION = '2023-05-01T10:00';

  it('lets the student edit a performance before it is submitted (R-PERF-8)', () => {
    const { events } = given(recorded('p1'))
      .when(edit(), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    const { schoolId: _s, studentId: _t, ...data } = editData;
    expect(events).toEqual([portfolioEvent('PerformanceEdited', data)]);
  });

  it('lets the student delete a performance before it is submitted (R-PERF-8)', () => {
    given(recorded('p1'))
      .when(portfolioCommand('DeletePerformance', ref()), contextAt(policy, IN_WINDOW, s1))
      .then(portfolioEvent('PerformanceDeleted', { performanceId: 'p1' }));
  });

  it('refuses editing a performance once it has been submitted to the central database (R-PERF-8)', () => {
    given(recorded('p1'), statement)
      .when(edit(), contextAt(extended, AFTER_SUBMISSION, s1))
      .thenError('PERFORMANCE_ALREADY_SUBMITTED', 'R-PERF-8');
  });

  it('refuses deleting a performance once it has been submitted (R-PERF-8)', () => {
    given(recorded('p1'), statement)
      .when(portfolioCommand('DeletePerformance', ref()), contextAt(extended, AFTER_SUBMISSION, s1))
      .thenError('PERFORMANCE_ALREADY_SUBMITTED', 'R-PERF-8');
  });

  it('leaves a performance that was not in the submission editable (R-PERF-8)', () => {
    given(recorded('p1'), recorded('p2'), statement)
      .when(edit({ performanceId: 'p2' }), contextAt(extended, AFTER_SUBMISSION, s1))
      .thenSucceeds();
  });

  it('refuses changes to an unknown performance (R-PERF-8)', () => {
    given()
      .when(edit(), contextAt(policy, IN_WINDOW, s1))
      .thenError('ITEM_NOT_FOUND', 'R-PERF-8');
  });
});

describe('the performance upload window (R-WIN-2, R-WIN-4, R-TIME-2)', () => {
  it('accepts a record at 08:00 exactly on the first day (R-TIME-2)', () => {
    given()
      .when(record(), contextAt(policy, '2022-08-01T08:00', s1))
      .thenSucceeds();
  });

  it('refuses a record at 17:00 exactly on the last day (R-TIME-2, R-WIN-2)', () => {
    given()
      .when(record(), contextAt(policy, '2023-04-11T17:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-WIN-2');
  });

  it('refuses editing or deleting after the window closed (R-WIN-4)', () => {
    given(recorded('p1'))
      .when(edit(), contextAt(policy, '2023-04-12T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-WIN-2');
    given(recorded('p1'))
      .when(portfolioCommand('DeletePerformance', ref()), contextAt(policy, '2023-04-12T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-WIN-2');
  });

  it(
    'accepts a record for a school year whose upload window the school never set: seed 003 has no such work item, ' +
      'so no deadline (R-WIN-2)',
    () => {
      given()
        .when(record({ schoolYear: 112 }), contextAt(policy, IN_WINDOW, s1))
        .thenSucceeds();
    },
  );

  it('still refuses a record for a year without an upload window once that year is sealed (R-WIN-2, R-SEAL-2)', () => {
    const sealed = schoolFixture({
      extra: [schoolEvent('PeriodSealed', { category: 'performances', period: '1120', digest: null })],
    }).policy;
    given()
      .when(record({ schoolYear: 112 }), contextAt(sealed, IN_WINDOW, s1))
      .thenError('PERIOD_SEALED', 'R-SEAL-2');
  });
});

describe('who may record (R-AUTH-1)', () => {
  it('refuses another student, a parent and a teacher (R-AUTH-1)', () => {
    given()
      .when(record(), contextAt(policy, IN_WINDOW, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given()
      .when(record(), contextAt(policy, IN_WINDOW, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
    given()
      .when(record(), contextAt(policy, IN_WINDOW, teacher('t1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });

  it('refuses another student editing or deleting (R-AUTH-1)', () => {
    given(recorded('p1'))
      .when(edit(), contextAt(policy, IN_WINDOW, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
    given(recorded('p1'))
      .when(portfolioCommand('DeletePerformance', ref()), contextAt(policy, IN_WINDOW, parent('p1')))
      .thenError('ROLE_NOT_ALLOWED', 'R-AUTH-1');
  });
});
