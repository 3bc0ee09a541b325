import {
  parameterFor,
  portfolioStreamName,
  schoolYearAt,
  type Actor,
  type FileMeta,
  type PortfolioCommand,
  type PortfolioContext,
  type PortfolioState,
  type TaipeiInstant,
} from '@licheng/domain';
import { portfolioAggregate } from '@licheng/eventstore';
import { dateOfMs, DAY, instantOf, MINUTE, msOf, type ReceiptSpans, type YearCalendar } from './calendar';
import { seededRandom, seedOf, type Random } from './random';
import { StreamRecorder, type GeneratedStream, type RecorderOptions } from './recorder';
import { inSchool } from '@licheng/domain/testing';
import {
  generateSchool,
  GENERATED_SCHOOL_ID,
  PLAN_REVIEWER,
  SUBMITTER,
  SYSTEM,
  type GeneratedSchool,
  type GeneratedStudent,
} from './school';

export interface StudentStreamOptions extends RecorderOptions {
  readonly seed: number;
  readonly schoolId?: string;
  readonly studentId: string;
  /** The school the student attends; a one-student school from the same seed when absent. */
  readonly school?: GeneratedSchool;
  /** The school years to generate; every year of the student's that the school covers when absent. */
  readonly schoolYears?: ReadonlyArray<number>;
}

export interface GeneratedStudentStream extends GeneratedStream {
  readonly schoolId: string;
  readonly studentId: string;
}

const TOPICS = [
  '課堂報告',
  '實驗紀錄',
  '學習單',
  '專題簡報',
  '閱讀心得',
  '小組討論紀錄',
  '作品集',
  '期末報告',
  '課堂筆記',
  '探究與實作',
];
const REASONS = ['內容與課程無關', '檔案內容不完整', '缺少學習歷程說明', '檔案無法開啟'];
const POSITIONS = ['班長', '副班長', '學藝股長', '衛生股長', '總務股長', '風紀股長', '康樂股長'];
const PROBLEMS = ['extra', 'missing', 'wrong'] as const;

type Op = { readonly at: number; readonly seq: number; readonly run: (at: number) => void };

const studentIndex = new WeakMap<GeneratedSchool, Map<string, GeneratedStudent>>();
const studentOf = (school: GeneratedSchool, studentId: string): GeneratedStudent => {
  let index = studentIndex.get(school);
  if (!index) studentIndex.set(school, (index = new Map(school.students.map((s) => [s.studentId, s]))));
  const student = index.get(studentId);
  if (!student) throw new Error(`generator: ${studentId} is not a student of ${school.schoolId}`);
  return student;
};

/**
 * A student's portfolio stream, three school years of it by default (about 280 events): course outcomes
 * uploaded each semester within the quotas, edited, sometimes deleted, sent, certified pass or fail, failed
 * ones edited and sent again; diverse performances; cadre records synced by the school with proof attached;
 * a self-directed learning plan through both approval stages; selections within the caps; receipt
 * statements and their confirmations, reports, reviews, re-checks and deemed-correct answers. Every command
 * is decided by the real portfolio decider under the school's policy; the same seed gives the same stream.
 */
export const generateStudentStream = (options: StudentStreamOptions): GeneratedStudentStream => {
  const { seed, studentId } = options;
  const school =
    options.school ??
    generateSchool({
      seed,
      schoolId: options.schoolId ?? GENERATED_SCHOOL_ID,
      students: [studentId],
      ...(options.hashChain === undefined ? {} : { hashChain: options.hashChain }),
    });
  const { schoolId, policy } = school;
  if (options.schoolId !== undefined && options.schoolId !== schoolId)
    throw new Error(`generator: ${options.schoolId} is not the school given`);
  const student = studentOf(school, studentId);
  const years = (options.schoolYears ?? school.schoolYears).filter(
    (year) => student.placements[year] !== undefined && school.calendars[year],
  );
  const recorder = new StreamRecorder(
    portfolioAggregate,
    portfolioStreamName(schoolId, studentId),
    `${schoolId}.${studentId}.`,
    {
      hashChain: options.hashChain ?? school.hashChain,
    },
  );
  const state = recorder.state as PortfolioState;
  const me = { id: studentId, role: 'student' } as Actor;
  const send = (at: number, actor: Actor, type: PortfolioCommand['type'], data: Record<string, unknown>) => {
    const now: TaipeiInstant = instantOf(at);
    const command = { type, data: { schoolId, studentId, ...data } } as PortfolioCommand;
    const member = inSchool(actor, schoolId);
    recorder.exec(now, member, command, { now, actor: member, policy } satisfies PortfolioContext);
  };

  const ops: Op[] = [];
  const at = (time: number, run: (at: number) => void) =>
    ops.push({ at: Math.floor(time / MINUTE) * MINUTE, seq: ops.length, run });
  for (const year of years)
    planYear(school, student, year, seededRandom(seedOf(seed, schoolId, studentId, year)), { at, send, state, me });
  ops.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const op of ops) op.run(op.at);
  return { schoolId, studentId, ...recorder.stream() };
};

interface Plan {
  readonly at: (time: number, run: (at: number) => void) => void;
  readonly send: (at: number, actor: Actor, type: PortfolioCommand['type'], data: Record<string, unknown>) => void;
  readonly state: PortfolioState;
  readonly me: Actor;
}

/** A time drawn uniformly between two instants (epoch milliseconds), to the minute. */
const between = (random: Random, from: number, to: number): number =>
  from + random.int(0, Math.max(0, Math.floor((to - from) / MINUTE))) * MINUTE;

const planYear = (
  school: GeneratedSchool,
  student: GeneratedStudent,
  year: number,
  random: Random,
  plan: Plan,
): void => {
  const { at, send, state, me } = plan;
  const { schoolId, policy } = school;
  const { studentId } = student;
  const calendar: YearCalendar = school.calendars[year]!;
  const klass = school.classes[student.placements[year]!.classId]!;
  const a = calendar.autumn;
  const s = calendar.spring;

  const file = (name: string, kind: 'document' | 'media', minBytes: number, maxBytes: number): FileMeta => {
    const roll = random.int(1, 100);
    const [extension, mimeType] =
      kind === 'media'
        ? ['mp4', 'video/mp4']
        : roll <= 80
          ? ['pdf', 'application/pdf']
          : roll <= 92
            ? ['jpg', 'image/jpeg']
            : ['png', 'image/png'];
    return {
      name: `${name}.${extension}`,
      mimeType,
      sizeBytes: random.int(minBytes, maxBytes),
      sha256: random.hex(64),
      storageKey: `uploads/${schoolId}/${studentId}/${name}.${extension}`,
    } as FileMeta;
  };
  /**
   * Attachments that fit the limits in force at `time` and what is left of the student's storage (R-FILE-1, R-FILE-3).
   */
  const fitting = (
    time: number,
    files: { document: FileMeta; media?: FileMeta },
  ): { document: FileMeta; media?: FileMeta } => {
    const uploadYear = schoolYearAt(instantOf(time));
    const documentMax = parameterFor(policy, 'documentMaxBytes', uploadYear) ?? Infinity;
    const mediaMax = parameterFor(policy, 'mediaMaxBytes', uploadYear) ?? Infinity;
    const free = (parameterFor(policy, 'storageMaxBytes', uploadYear) ?? Infinity) - state.storageBytes;
    const size = Math.min(files.document.sizeBytes, documentMax, free);
    if (size < 1) throw new Error(`generator: ${studentId} ran out of storage`);
    const document =
      size === files.document.sizeBytes ? files.document : ({ ...files.document, sizeBytes: size } as FileMeta);
    return files.media && files.media.sizeBytes <= mediaMax && files.media.sizeBytes <= free - size
      ? { document, media: files.media }
      : { document };
  };

  // Course outcomes, semester by semester (R-OUT).
  for (const semester of [1, 2] as const) {
    const term = `${year}${semester}`;
    const courses = (klass.courses[term] ?? []).filter((c) => c.credits > 0);
    const first = semester === 1;
    const uploadFrom = first ? msOf(`${a}-09-05T08:00`) : msOf(`${s}-02-14T08:00`);
    const uploadTo = first ? msOf(`${a}-12-10T22:00`) : msOf(`${s}-03-05T22:00`);
    const certifyFrom = first ? msOf(`${a}-12-21T08:00`) : msOf(`${s}-03-16T08:00`);
    const certifyTo = first ? msOf(`${s}-01-05T17:00`) : msOf(`${s}-03-22T17:00`);
    const fixFrom = first ? msOf(`${s}-01-08T08:00`) : msOf(`${s}-03-23T08:00`);
    const fixTo = first ? msOf(`${s}-01-12T22:00`) : msOf(`${s}-03-26T22:00`);
    const recertifyFrom = first ? msOf(`${s}-01-25T08:00`) : msOf(`${s}-04-02T08:00`);
    const recertifyTo = first ? msOf(`${s}-02-05T17:00`) : msOf(`${s}-04-08T17:00`);
    const count = random.chance(0.05) ? random.int(2, 5) : random.int(8, 10);
    const perSubject = new Map<string, number>();
    const times = Array.from({ length: count }, () => between(random, uploadFrom, uploadTo)).sort((x, y) => x - y);
    times.forEach((uploadAt, i) => {
      // R-OUT-4: at most three per subject in a term.
      const open = courses.filter((c) => (perSubject.get(c.subject) ?? 0) < 3);
      if (open.length === 0) return;
      const course = random.pick(open);
      perSubject.set(course.subject, (perSubject.get(course.subject) ?? 0) + 1);
      const outcomeId = `${studentId}-${term}-o${i + 1}`;
      const description = `${course.subject}${random.pick(TOPICS)}：第${i + 1}件`;
      const document = file(outcomeId, 'document', 80_000, 3_000_000);
      const media = random.chance(0.1) ? file(`${outcomeId}-v`, 'media', 1_000_000, 8_000_000) : undefined;
      at(uploadAt, (now) =>
        send(now, me, 'UploadCourseOutcome', {
          outcomeId,
          courseId: course.courseId,
          description,
          ...fitting(now, media ? { document, media } : { document }),
        }),
      );
      const edit = (when: number, text: string) =>
        at(when, (now) => {
          const current = state.outcomes[outcomeId]!;
          const files = current.document
            ? { document: current.document, ...(current.media ? { media: current.media } : {}) }
            : { document: file(`${outcomeId}-r`, 'document', 80_000, 2_000_000) };
          send(now, me, 'EditCourseOutcome', { outcomeId, description: text, ...files });
        });
      if (random.chance(0.04)) {
        at(uploadAt + random.int(1, 3) * DAY, (now) => send(now, me, 'DeleteCourseOutcome', { outcomeId }));
        return;
      }
      if (random.chance(0.15)) edit(uploadAt + random.int(60, 1_440) * MINUTE, `${description}（修訂）`);
      if (random.chance(0.05)) return; // left as a draft
      at(uploadAt + random.int(2, 8) * DAY, (now) => send(now, me, 'SendCourseOutcomeForCertification', { outcomeId }));
      if (random.chance(0.03)) return; // left pending (R-OUT-11)
      const teacher = { id: course.certifierId, role: 'teacher' } as Actor;
      const certifyAt = between(random, certifyFrom, certifyTo);
      if (!random.chance(0.12)) {
        at(certifyAt, (now) => send(now, teacher, 'CertifyCourseOutcome', { outcomeId, result: 'passed' }));
        return;
      }
      at(certifyAt, (now) =>
        send(now, teacher, 'CertifyCourseOutcome', { outcomeId, result: 'failed', reason: random.pick(REASONS) }),
      );
      if (!random.chance(0.85)) return;
      // R-OUT-10: a failed outcome edited goes back to draft and is sent again.
      const fixAt = between(random, fixFrom, fixTo);
      edit(fixAt, `${description}（補正）`);
      at(fixAt + DAY, (now) => send(now, me, 'SendCourseOutcomeForCertification', { outcomeId }));
      at(between(random, recertifyFrom, recertifyTo), (now) =>
        send(now, teacher, 'CertifyCourseOutcome', { outcomeId, result: 'passed' }),
      );
    });
  }

  // Diverse performances (R-PERF), recorded through the year's upload window.
  const earliest = msOf(`${a}-08-01T00:00`);
  const performanceCount = random.int(7, 12);
  const recordTimes = Array.from({ length: performanceCount }, () =>
    between(random, msOf(`${a}-08-20T08:00`), msOf(`${s}-03-31T22:00`)),
  ).sort((x, y) => x - y);
  recordTimes.forEach((recordAt, i) => {
    const performanceId = `${studentId}-${year}-p${i + 1}`;
    const end = recordAt - random.int(0, 10) * DAY;
    const start = Math.max(earliest, end - random.int(0, 20) * DAY);
    const startDate = dateOfMs(start);
    const endDate = dateOfMs(Math.max(start, end));
    const days = Math.round((msOf(`${endDate}T00:00`) - msOf(`${startDate}T00:00`)) / DAY) + 1;
    const category = random.int(0, 8);
    const details = detailsOf(random, category, i + 1, endDate);
    const semester = recordAt < msOf(`${s}-02-01T00:00`) ? 1 : 2;
    const hours = random.chance(0.7) ? { hours: random.int(1, Math.min(60, days * 24)) } : {};
    const document = file(performanceId, 'document', 50_000, 1_200_000);
    const media = random.chance(0.06) ? file(`${performanceId}-v`, 'media', 1_000_000, 6_000_000) : undefined;
    const description = `${random.pick(['參與', '完成', '投入'])}${'name' in details ? details.name : details.category}的紀錄與心得`;
    at(recordAt, (now) => {
      const files = fitting(now, media ? { document, media } : { document });
      const link =
        files.media && random.chance(0.5) ? { externalLink: `https://video.example.org/${performanceId}` } : {};
      send(now, me, 'RecordPerformance', {
        performanceId,
        schoolYear: year,
        semester,
        details,
        startDate,
        endDate,
        ...hours,
        description,
        ...files,
        ...link,
      });
    });
    if (random.chance(0.05)) {
      at(recordAt + random.int(1, 8) * DAY, (now) => send(now, me, 'DeletePerformance', { performanceId }));
      return;
    }
    if (random.chance(0.1)) {
      at(Math.min(recordAt + random.int(1, 15) * DAY, msOf(`${s}-04-09T20:00`)), (now) => {
        const current = state.performances[performanceId]!;
        const files = {
          ...(current.document ? { document: current.document } : {}),
          ...(current.media ? { media: current.media } : {}),
          ...(current.externalLink ? { externalLink: current.externalLink } : {}),
        };
        send(now, me, 'EditPerformance', {
          performanceId,
          details: detailsOf(random, category, i + 1, endDate),
          startDate,
          endDate,
          ...hours,
          description: `${description}（更新）`,
          ...files,
        });
      });
    }
  });

  // Cadre records synced from the school's records, to which most students attach proof (R-PERF-6).
  for (const semester of [1, 2] as const) {
    if (!random.chance(0.35)) continue;
    const performanceId = `${studentId}-${year}-cadre${semester}`;
    const syncAt = semester === 1 ? msOf(`${a}-10-01T09:00`) : msOf(`${s}-03-01T09:00`);
    const position = random.pick(POSITIONS);
    at(syncAt, (now) =>
      send(now, SYSTEM, 'SyncCadreRecord', {
        performanceId,
        schoolYear: year,
        semester,
        unit: klass.name,
        position,
        level: '班級',
        startDate: semester === 1 ? `${a}-09-01` : `${s}-02-13`,
        endDate: semester === 1 ? `${s}-01-20` : `${s}-06-30`,
      }),
    );
    if (random.chance(0.75)) {
      const proofAt =
        semester === 1
          ? between(random, msOf(`${a}-10-05T08:00`), msOf(`${a}-11-30T22:00`))
          : between(random, msOf(`${s}-03-05T08:00`), msOf(`${s}-03-31T22:00`));
      at(proofAt, (now) =>
        send(now, me, 'AttachCadreProof', {
          performanceId,
          description: `${position}幹部證明`,
          ...fitting(now, { document: file(`${performanceId}-proof`, 'document', 50_000, 600_000) }),
        }),
      );
    }
  }

  // A self-directed learning plan through the school's two approval stages (R-PLAN-1).
  if (random.chance(0.3)) {
    const planId = `${studentId}-${year}-plan`;
    const weeks = random.int(6, 18);
    const start = msOf(`${a}-09-22T00:00`);
    const content = {
      planId,
      schoolYear: year,
      semester: 1,
      title: `自主學習：${random.pick(TOPICS)}`,
      description: '每週固定時段自主學習並記錄成果',
      periodsPerWeek: random.int(1, 3),
      weeks,
      startDate: dateOfMs(start),
      endDate: dateOfMs(start + (weeks * 7 - 1) * DAY),
    };
    let when = between(random, msOf(`${a}-09-10T08:00`), msOf(`${a}-09-20T22:00`));
    at(when, (now) => send(now, me, 'SubmitLearningPlan', content));
    if (random.chance(0.15)) {
      at((when += 3 * DAY), (now) =>
        send(now, PLAN_REVIEWER, 'ReviewLearningPlan', { planId, decision: 'return', reason: '請補充每週進度' }),
      );
      at((when += 2 * DAY), (now) => send(now, me, 'SubmitLearningPlan', content));
    }
    at((when += 3 * DAY), (now) => send(now, PLAN_REVIEWER, 'ReviewLearningPlan', { planId, decision: 'pass' }));
    const homeroom = { id: klass.homeroomTeacherId, role: 'teacher' } as Actor;
    at(when + 3 * DAY, (now) => send(now, homeroom, 'ReviewLearningPlan', { planId, decision: 'pass' }));
  }

  // Selection for the central database, within the caps (R-SEL-1, R-SEL-2).
  at(between(random, msOf(`${s}-04-11T09:00`), msOf(`${s}-04-13T12:00`)), (now) => {
    const passed = Object.values(state.outcomes).filter(
      (o) => o.schoolYear === year && o.status === 'passed' && !o.selected,
    );
    const chosen = random.sample(passed, random.chance(0.6) ? 6 : random.int(1, 5));
    let t = now;
    for (const o of chosen) send((t += MINUTE), me, 'SelectCourseOutcome', { outcomeId: o.outcomeId });
    const rest = passed.filter((o) => !chosen.includes(o));
    if (chosen.length > 0 && rest.length > 0 && random.chance(0.15)) {
      send((t += MINUTE), me, 'DeselectCourseOutcome', { outcomeId: chosen[0]!.outcomeId });
      send((t += MINUTE), me, 'SelectCourseOutcome', { outcomeId: rest[0]!.outcomeId });
    }
    const performances = Object.values(state.performances).filter(
      (p) => p.schoolYear === year && !p.selected && (!p.synced || p.document || p.media),
    );
    for (const p of random.sample(performances, random.chance(0.5) ? 10 : random.int(2, 9)))
      send((t += MINUTE), me, 'SelectPerformance', { performanceId: p.performanceId });
  });

  // Receipt statements from accepted submissions and the student's answers (R-SUB-3, R-REC).
  const receipt = (
    issueAt: number,
    category: string,
    period: string,
    spans: ReceiptSpans,
    items: () => ReadonlyArray<{ itemId: string; title: string }>,
  ) => {
    const fid = (n: number) => `F.${schoolId}.${category}.${period}.${n}`;
    let issued = false;
    at(issueAt, (now) => {
      const list = items();
      if (list.length === 0) return;
      issued = true;
      send(now, SYSTEM, 'IssueReceiptStatement', { category, period, fid: fid(1), items: list });
    });
    const ref = { category, period };
    const roll = random.int(1, 100);
    const answerAt = between(
      random,
      Math.max(spans.confirmation.start, issueAt + 5 * MINUTE),
      spans.confirmation.end - MINUTE,
    );
    const recheckAt = between(random, spans.recheck.start, spans.recheck.end - MINUTE);
    if (roll <= 82) {
      at(answerAt, (now) => issued && send(now, me, 'ConfirmReceipt', ref));
    } else if (roll <= 90) {
      at(
        answerAt,
        (now) =>
          issued &&
          send(now, me, 'ReportReceiptError', {
            ...ref,
            problems: [{ kind: random.pick(PROBLEMS), reason: '與實際資料不符' }],
          }),
      );
      const corrected = random.chance(0.4);
      const reviewAt = spans.confirmation.end + 60 * MINUTE;
      at(
        reviewAt,
        (now) =>
          issued &&
          send(now, SUBMITTER, 'RecordReceiptReview', { ...ref, finding: corrected ? 'corrected' : 'dataWasRight' }),
      );
      if (corrected)
        at(
          reviewAt + 30 * MINUTE,
          (now) => issued && send(now, SYSTEM, 'IssueReceiptStatement', { ...ref, fid: fid(2), items: items() }),
        );
      if (random.chance(0.8)) at(recheckAt, (now) => issued && send(now, me, 'ConfirmReceipt', ref));
      else at(spans.recheck.end, (now) => issued && send(now, SYSTEM, 'DeemReceiptCorrect', ref));
    } else {
      // R-REC-5: no answer by the deadline.
      at(spans.confirmation.end, (now) => issued && send(now, SYSTEM, 'DeemReceiptCorrect', ref));
    }
  };
  const courseRecords = (term: string) => () =>
    (klass.courses[term] ?? []).map((c) => ({ itemId: c.courseId, title: `${c.subject} ${c.credits} 學分` }));
  const cadre = (semester: number) => () =>
    Object.values(state.performances)
      .filter((p) => p.synced && p.schoolYear === year && p.semester === semester)
      .map((p) => ({ itemId: p.performanceId, title: p.details.category === 'cadre' ? p.details.position : '幹部' }));
  receipt(
    msOf(`${s}-02-14T09:00`),
    'courseRecords',
    `${year}1`,
    calendar.receipts.semester[0],
    courseRecords(`${year}1`),
  );
  receipt(msOf(`${s}-02-14T09:05`), 'cadreRecords', `${year}1`, calendar.receipts.semester[0], cadre(1));
  receipt(msOf(`${s}-04-14T08:05`), 'courseOutcomes', `${year}0`, calendar.receipts.year, () =>
    Object.values(state.outcomes)
      .filter((o) => o.selected && o.schoolYear === year)
      .map((o) => ({ itemId: o.outcomeId, title: `${o.subject}：${o.description}` })),
  );
  receipt(msOf(`${s}-04-14T08:10`), 'performances', `${year}0`, calendar.receipts.year, () =>
    Object.values(state.performances)
      .filter((p) => p.selected && p.schoolYear === year)
      .map((p) => ({ itemId: p.performanceId, title: p.description || p.details.category })),
  );
  receipt(
    msOf(`${s}-06-25T09:00`),
    'courseRecords',
    `${year}2`,
    calendar.receipts.semester[1],
    courseRecords(`${year}2`),
  );
  receipt(msOf(`${s}-06-25T09:05`), 'cadreRecords', `${year}2`, calendar.receipts.semester[1], cadre(2));
};

/** The fields of each performance category (R-PERF-5..7), dated no later than `date`. */
const detailsOf = (random: Random, category: number, n: number, date: string) => {
  switch (category) {
    case 0:
      return {
        category: 'competition',
        name: `全市高中科展第${n}場`,
        eventGroup: random.pick(['物理組', '化學組', '生物組']),
        level: random.pick(['校級', '縣市級', '全國']),
        award: random.pick(['佳作', '第三名', '優等']),
        resultDate: date,
        participation: random.pick(['individual', 'team']),
      } as const;
    case 1:
      return {
        category: 'certificate',
        code: 'GEPT-I',
        name: '全民英檢中級',
        obtainedDate: date,
        scoreOrLevel: '通過',
      } as const;
    case 2:
      return {
        category: 'serviceLearning',
        unit: random.pick(['臺北市立圖書館', '社區關懷據點', '動物之家']),
        name: '志工服務',
      } as const;
    case 3:
      return {
        category: 'flexibleLearning',
        kind: random.pick(['選手培訓', '充實(增廣)課程', '補強性課程', '學校特色活動'] as const),
        name: `彈性學習第${n}項`,
        periodsPerWeek: random.int(1, 4),
        weeks: random.int(4, 18),
      } as const;
    case 4:
      return {
        category: 'groupActivity',
        kind: '社團活動',
        name: random.pick(['吉他社', '辯論社', '天文社', '熱舞社']),
      } as const;
    case 5:
      return {
        category: 'workplaceLearning',
        unit: random.pick(['科技公司', '醫院', '律師事務所']),
        name: '職場見習',
      } as const;
    case 6:
      return { category: 'creativeWork', name: `作品第${n}號` } as const;
    case 7:
      return {
        category: 'universityPreCourse',
        institution: '國立臺灣大學',
        courseName: random.pick(['微積分先修', '程式設計先修']),
        credits: random.int(1, 3),
      } as const;
    default:
      return { category: 'other', name: `校慶活動第${n}場` } as const;
  }
};
