import * as E from 'fp-ts/Either';
import { PORTFOLIO_COMMAND_DATA, portfolioDecider } from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import {
  admin,
  contextAt,
  mp4,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolFixture,
  specify,
  student,
  system,
  teacher,
} from '../../testing';

const MiB = 1_048_576;
const given = specify(portfolioDecider);
const { policy } = schoolFixture();
const s1 = student('s1');
const IN_WINDOW = '2022-12-01T10:00';
const IN_SELECTION = '2023-04-12T10:00';

const cadreData = {
  studentId: 's1',
  performanceId: 'c1',
  schoolYear: 111,
  semester: 1,
  unit: '普通三01班',
  position: '班長',
  level: '班級',
  startDate: '2022-08-30',
  endDate: '2023-01-20',
};
const sync = (overrides: Record<string, unknown> = {}) =>
  portfolioCommand('SyncCadreRecord', { schoolId: 'sch1', ...cadreData, ...overrides });
const synced = portfolioEvent('CadreRecordSynced', cadreData);
const ref = (performanceId = 'c1') => ({ schoolId: 'sch1', studentId: 's1', performanceId });
const attach = (overrides: Record<string, unknown> = {}) =>
  portfolioCommand('AttachCadreProof', { ...ref(), description: '班長聘書', document: pdf('proof.pdf'), ...overrides });
const proofAttached = portfolioEvent('CadreProofAttached', {
  performanceId: 'c1',
  description: '班長聘書',
  document: pdf('proof.pdf'),
});
const select = (performanceId = 'c1') => portfolioCommand('SelectPerformance', ref(performanceId));

describe('cadre records synced from the school (R-PERF-6)', () => {
  it("records a cadre record synced by the school's records system (R-PERF-6)", () => {
    given()
      .when(sync(), contextAt(policy, IN_WINDOW, system()))
      .then(synced);
  });

  it('lets the administrator sync a cadre record (R-PERF-6)', () => {
    given()
      .when(sync(), contextAt(policy, IN_WINDOW, admin()))
      .thenSucceeds();
  });

  it('refuses a student or a teacher syncing a cadre record (R-PERF-6)', () => {
    given()
      .when(sync(), contextAt(policy, IN_WINDOW, s1))
      .thenError('ROLE_NOT_ALLOWED', 'R-PERF-6');
    given()
      .when(sync(), contextAt(policy, IN_WINDOW, teacher('t-home')))
      .thenError('ROLE_NOT_ALLOWED', 'R-PERF-6');
  });

  it.each(['校級', '班級', '社團', '實習幹部', '校外自治組織團體', '其他'])(
    'accepts the cadre level %s (R-PERF-6)',
    (level) => {
      const result = decodeWith(
        PORTFOLIO_COMMAND_DATA.SyncCadreRecord,
        'SyncCadreRecord',
      )({ schoolId: 'sch1', ...cadreData, level });
      expect(E.isRight(result)).toBe(true);
    },
  );

  it.each(['班級幹部', '校級幹部', '社團幹部', '其他幹部'])(
    'accepts the cadre level %s as the seeds write it, and keeps it as written (R-PERF-6)',
    (level) => {
      // Seed 001's statement: 「幹部等級: 班級幹部 擔任職務: 副衛生股長」; 「有擔任班級幹部、校級幹部者請檢查確認」.
      const { state } = given()
        .when(sync({ level, position: '副衛生股長' }), contextAt(policy, IN_WINDOW, system()))
        .thenSucceeds();
      expect(state.performances['c1']?.details).toMatchObject({ category: 'cadre', level, position: '副衛生股長' });
    },
  );

  it('refuses any other cadre level (R-PERF-6)', () => {
    const result = decodeWith(
      PORTFOLIO_COMMAND_DATA.SyncCadreRecord,
      'SyncCadreRecord',
    )({ schoolId: 'sch1', ...cadreData, level: '學生會' });
    expect(E.isLeft(result) && result.left.code).toBe('INVALID_INPUT');
  });

  it('refuses a synced record whose end date is before its start date (R-PERF-4)', () => {
    given()
      .when(sync({ startDate: '2023-01-20', endDate: '2022-08-30' }), contextAt(policy, IN_WINDOW, system()))
      .thenError('PERFORMANCE_DATES_REVERSED', 'R-PERF-4');
  });

  it('refuses the student deleting a synced cadre record (R-PERF-6)', () => {
    given(synced)
      .when(portfolioCommand('DeletePerformance', ref()), contextAt(policy, IN_WINDOW, s1))
      .thenError('CADRE_RECORD_NOT_DELETABLE', 'R-PERF-6');
  });

  it('refuses the student editing a synced cadre record (R-PERF-6)', () => {
    given(synced)
      .when(
        portfolioCommand('EditPerformance', {
          ...ref(),
          details: { category: 'cadre', unit: '學生會', position: '會長', level: '校級' },
          startDate: '2022-08-30',
          endDate: '2023-01-20',
          description: '改成會長',
          document: pdf(),
        }),
        contextAt(policy, IN_WINDOW, s1),
      )
      .thenError('CADRE_RECORD_NOT_EDITABLE', 'R-PERF-6');
  });
});

describe('a cadre record becomes selectable only with proof (R-PERF-6)', () => {
  it('refuses selecting a synced cadre record without proof (R-PERF-6)', () => {
    given(synced)
      .when(select(), contextAt(policy, IN_SELECTION, s1))
      .thenError('CADRE_PROOF_REQUIRED', 'R-PERF-6');
  });

  it('lets the student attach a proof document (R-PERF-6)', () => {
    given(synced)
      .when(attach(), contextAt(policy, IN_WINDOW, s1))
      .then(proofAttached);
  });

  it('accepts selecting the record once a proof document is attached (R-PERF-6)', () => {
    given(synced, proofAttached)
      .when(select(), contextAt(policy, IN_SELECTION, s1))
      .then(portfolioEvent('PerformanceSelected', { performanceId: 'c1', schoolYear: 111 }));
  });

  it('accepts selecting the record once a proof media file is attached (R-PERF-6)', () => {
    const mediaProof = portfolioEvent('CadreProofAttached', {
      performanceId: 'c1',
      description: '就職演說',
      media: mp4(),
    });
    given(synced, mediaProof)
      .when(select(), contextAt(policy, IN_SELECTION, s1))
      .thenSucceeds();
  });

  it('refuses a proof without any file (R-PERF-6)', () => {
    given(synced)
      .when(
        portfolioCommand('AttachCadreProof', { ...ref(), description: '沒有檔案' }),
        contextAt(policy, IN_WINDOW, s1),
      )
      .thenError('FILE_REQUIRED', 'R-PERF-6');
  });

  it('refuses a proof whose link comes without a media file (R-PERF-3, R-PERF-6)', () => {
    given(synced)
      .when(attach({ externalLink: 'https://youtu.be/abc' }), contextAt(policy, IN_WINDOW, s1))
      .thenError('EXTERNAL_LINK_REQUIRES_MEDIA', 'R-PERF-3');
  });

  it('applies the file limits to the proof (R-FILE-1)', () => {
    given(synced)
      .when(attach({ document: pdf('proof.pdf', 4 * MiB + 1) }), contextAt(policy, IN_WINDOW, s1))
      .thenError('FILE_TOO_LARGE', 'R-FILE-1');
  });

  it('refuses proof for a performance the student recorded: only synced records take proof (R-PERF-6)', () => {
    const own = portfolioEvent('PerformanceRecorded', {
      studentId: 's1',
      performanceId: 'c1',
      schoolYear: 111,
      semester: 1,
      details: { category: 'cadre', unit: '天文社', position: '社長', level: '社團' },
      startDate: '2022-09-01',
      endDate: '2023-01-20',
      description: '社長',
      document: pdf(),
    });
    given(own)
      .when(attach(), contextAt(policy, IN_WINDOW, s1))
      .thenError('NOT_A_SYNCED_CADRE_RECORD', 'R-PERF-6');
  });

  it('counts the proof in the storage total (R-FILE-3)', () => {
    const { state } = given(synced)
      .when(attach(), contextAt(policy, IN_WINDOW, s1))
      .thenSucceeds();
    expect(state.storageBytes).toBe(500_000);
  });

  it('refuses attaching proof after the performance window closed (R-WIN-4)', () => {
    given(synced)
      .when(attach(), contextAt(policy, '2023-04-12T10:00', s1))
      .thenError('OUTSIDE_WORK_PERIOD', 'R-WIN-2');
  });

  it('refuses another student attaching proof (R-AUTH-1)', () => {
    given(synced)
      .when(attach(), contextAt(policy, IN_WINDOW, student('s2')))
      .thenError('NOT_OWN_PORTFOLIO', 'R-AUTH-1');
  });
});
