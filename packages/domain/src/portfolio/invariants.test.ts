import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  bytesOf,
  foldEvents,
  foldFromInitial,
  isDomainError,
  PortfolioEvent as PortfolioEventCodec,
  portfolioDecider,
  taipeiInstantOf,
  type Actor,
  type FileMeta,
  type OutcomeState,
  type PortfolioCommand,
  type PortfolioEvent,
  type PortfolioState,
  type TaipeiInstant,
} from '@licheng/domain';
import {
  admin,
  at,
  fileMeta,
  mp4,
  parent,
  pdf,
  portfolioCommand,
  schoolEvent,
  schoolFixture,
  student,
  system,
  teacher,
  YEAR_111,
} from '../testing';

/**
 * Properties of the portfolio under ANY sequence of commands: random uploads, edits, deletes, sends,
 * certifications by allowed and disallowed teachers, selections, deselections and performances, at random
 * instants of school year 111 (so windows are sometimes open and sometimes closed) by random actors.
 * Only the events of accepted commands are folded, as the command handler does.
 */

const MiB = 1_048_576;

/** Windows of the school under test. The upload windows are extended to overlap the certification windows, so
 *  that edits of passed and failed outcomes are attempted while the student may still act (R-OUT-9, R-OUT-10). */
const UPLOAD_1 = { start: YEAR_111.outcomeUpload1.start, end: at('2023-02-05T17:00') };
const UPLOAD_2 = { start: YEAR_111.outcomeUpload2.start, end: at('2023-04-30T17:00') };
const { policy } = schoolFixture({
  extra: [
    schoolEvent('WorkPeriodSet', { term: '1111', item: 'outcomeUpload', window: UPLOAD_1 }),
    schoolEvent('WorkPeriodSet', { term: '1112', item: 'outcomeUpload', window: UPLOAD_2 }),
    schoolEvent('CourseReviewerMarked', { courseId: 'proj-1112', teacherId: 't3' }),
    schoolEvent('CertificationProxyAppointed', { courseId: 'math-1112', teacherId: 't9' }),
    schoolEvent('ParameterSet', { parameter: 'storageMaxBytes', value: 40 * MiB, effectiveFromSchoolYear: 111 }),
  ],
});

interface Win {
  readonly start: TaipeiInstant;
  readonly end: TaipeiInstant;
}
const CERT_1 = YEAR_111.outcomeCertification1;
const CERT_2 = YEAR_111.outcomeCertification2;
const PERF_UPLOAD = YEAR_111.performanceUpload;
const SELECTION = YEAR_111.selection;
const WHOLE_YEAR: Win = { start: at('2022-08-01T00:00'), end: at('2023-08-01T00:00') };
const ALL_WINDOWS: ReadonlyArray<Win> = [UPLOAD_1, UPLOAD_2, CERT_1, CERT_2, PERF_UPLOAD, SELECTION];

const minuteIn = (window: Win): fc.Arbitrary<TaipeiInstant> => {
  const start = Date.parse(window.start);
  const minutes = (Date.parse(window.end) - start) / 60_000;
  return fc.integer({ min: 0, max: minutes - 1 }).map((m) => taipeiInstantOf(new Date(start + m * 60_000)));
};
/** The instants where a half-open window flips: its start, its last minute and its end. */
const BOUNDARIES: ReadonlyArray<TaipeiInstant> = ALL_WINDOWS.flatMap((w) => [
  w.start,
  taipeiInstantOf(new Date(Date.parse(w.end) - 60_000)),
  w.end,
]);
/** Mostly inside the windows the command needs, sometimes anywhere in the year, sometimes on a boundary. */
const timeFor = (natural: ReadonlyArray<Win>): fc.Arbitrary<TaipeiInstant> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.oneof(...natural.map(minuteIn)) },
    { weight: 2, arbitrary: minuteIn(WHOLE_YEAR) },
    { weight: 1, arbitrary: fc.constantFrom(...BOUNDARIES) },
  );

const studentActor: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(student('s1')) },
  { weight: 1, arbitrary: fc.constantFrom(student('s2'), parent('p1'), teacher('t1'), admin()) },
);
/**
 * Allowed certifiers (t1, t2, t3 the reviewer, t9 the proxy) and others (t4 not marked, t5 the club teacher, the
 * homeroom teacher).
 */
const TEACHERS = ['t1', 't1', 't2', 't2', 't3', 't4', 't5', 't9', 't-home'];
const certifierActor: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...TEACHERS).map((id) => teacher(id)) },
  { weight: 1, arbitrary: fc.constantFrom(student('s1'), admin()) },
);

const OUTCOME_IDS = Array.from({ length: 15 }, (_, i) => `o${i + 1}`);
const PERF_IDS = Array.from({ length: 15 }, (_, i) => `p${i + 1}`);
const CADRE_IDS = ['c1', 'c2'];
const COURSES = ['math-1111', 'phys-1111', 'math-1112', 'phys-1112', 'proj-1112', 'club-1112'];

const documentArb: fc.Arbitrary<FileMeta> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3_000_000 }).map((n) => pdf(`d${n}.pdf`, n)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      pdf('max.pdf', 4 * MiB),
      pdf('over.pdf', 4 * MiB + 1),
      fileMeta('x.docx', 'application/msword', 1_000),
      fileMeta('p.png', 'image/png', 20_000),
    ),
  },
);
const mediaArb: fc.Arbitrary<FileMeta> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 8_000_000 }).map((n) => mp4(`m${n}.mp4`, n)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      mp4('max.mp4', 10 * MiB),
      mp4('over.mp4', 10 * MiB + 1),
      fileMeta('a.mp3', 'audio/mpeg', 30_000),
    ),
  },
);
const filesArb = fc
  .record({
    document: fc.option(documentArb, { nil: undefined, freq: 3 }),
    media: fc.option(mediaArb, { nil: undefined, freq: 2 }),
  })
  .map(({ document, media }) => ({ ...(document ? { document } : {}), ...(media ? { media } : {}) }));
const descriptionArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('報告', '實驗紀錄與反思', '') },
  { weight: 1, arbitrary: fc.constantFrom('字'.repeat(100), '字'.repeat(101)) },
);
const DETAILS = [
  { category: 'creativeWork', name: '作品' },
  { category: 'serviceLearning', unit: '圖書館', name: '服務' },
  {
    category: 'competition',
    name: '科展',
    eventGroup: '物理',
    level: '全國',
    award: '佳作',
    resultDate: '2022-11-20',
    participation: 'team',
  },
  { category: 'flexibleLearning', kind: '自主學習', name: '程式', periodsPerWeek: 2, weeks: 18 },
  { category: 'other', name: '交流' },
];
const DATES: ReadonlyArray<readonly [string, string]> = [
  ['2022-10-01', '2022-10-01'],
  ['2022-10-01', '2022-10-03'],
  ['2020-06-30', '2020-07-01'],
  ['2022-10-05', '2022-10-01'],
];
const performanceContent = fc
  .record({
    details: fc.constantFrom(...DETAILS),
    dates: fc.constantFrom(...DATES),
    hours: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(2, 24, 25, 80) },
    ),
    description: descriptionArb,
    files: filesArb,
    link: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant('https://youtu.be/abc') },
    ),
  })
  .map(({ details, dates, hours, description, files, link }) => ({
    details,
    startDate: dates[0],
    endDate: dates[1],
    description,
    ...files,
    ...(hours === undefined ? {} : { hours }),
    ...(link === undefined ? {} : { externalLink: link }),
  }));

const ref = { schoolId: 'sch1', studentId: 's1' };

interface Step {
  readonly command: PortfolioCommand;
  readonly now: TaipeiInstant;
  readonly actor: Actor;
}
const step = (
  command: fc.Arbitrary<PortfolioCommand>,
  natural: ReadonlyArray<Win>,
  actor = studentActor,
): fc.Arbitrary<Step> => fc.record({ command, now: timeFor(natural), actor });

const outcomeId = fc.constantFrom(...OUTCOME_IDS);
const performanceId = fc.constantFrom(...PERF_IDS, ...CADRE_IDS);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: step(
      fc
        .record({ outcomeId, courseId: fc.constantFrom(...COURSES), description: descriptionArb, files: filesArb })
        .map(({ files, ...data }) => portfolioCommand('UploadCourseOutcome', { ...ref, ...data, ...files })),
      [UPLOAD_1, UPLOAD_2],
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      fc
        .record({ outcomeId, description: descriptionArb, files: filesArb })
        .map(({ files, ...data }) => portfolioCommand('EditCourseOutcome', { ...ref, ...data, ...files })),
      [UPLOAD_1, UPLOAD_2],
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      outcomeId.map((id) => portfolioCommand('DeleteCourseOutcome', { ...ref, outcomeId: id })),
      [UPLOAD_1, UPLOAD_2],
    ),
  },
  {
    weight: 4,
    arbitrary: step(
      outcomeId.map((id) => portfolioCommand('SendCourseOutcomeForCertification', { ...ref, outcomeId: id })),
      [UPLOAD_1, UPLOAD_2],
    ),
  },
  {
    weight: 5,
    arbitrary: step(
      fc
        .record({
          outcomeId,
          result: fc.constantFrom('passed', 'failed'),
          reason: fc.option(fc.constantFrom('內容完整', '檔案無法開啟'), { nil: undefined }),
        })
        .map(({ reason, ...data }) =>
          portfolioCommand('CertifyCourseOutcome', { ...ref, ...data, ...(reason === undefined ? {} : { reason }) }),
        ),
      [CERT_1, CERT_2],
      certifierActor,
    ),
  },
  {
    weight: 8,
    arbitrary: step(
      outcomeId.map((id) => portfolioCommand('SelectCourseOutcome', { ...ref, outcomeId: id })),
      [SELECTION],
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      outcomeId.map((id) => portfolioCommand('DeselectCourseOutcome', { ...ref, outcomeId: id })),
      [SELECTION],
    ),
  },
  {
    weight: 4,
    arbitrary: step(
      fc
        .record({
          performanceId: fc.constantFrom(...PERF_IDS),
          schoolYear: fc.oneof({ weight: 7, arbitrary: fc.constant(111) }, { weight: 1, arbitrary: fc.constant(110) }),
          semester: fc.constantFrom(1, 2),
          content: performanceContent,
        })
        .map(({ content, ...data }) => portfolioCommand('RecordPerformance', { ...ref, ...data, ...content })),
      [PERF_UPLOAD],
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      fc
        .record({ performanceId, content: performanceContent })
        .map(({ content, ...data }) => portfolioCommand('EditPerformance', { ...ref, ...data, ...content })),
      [PERF_UPLOAD],
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      performanceId.map((id) => portfolioCommand('DeletePerformance', { ...ref, performanceId: id })),
      [PERF_UPLOAD],
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      fc.constantFrom(...CADRE_IDS).map((id) =>
        portfolioCommand('SyncCadreRecord', {
          schoolId: 'sch1',
          studentId: 's1',
          performanceId: id,
          schoolYear: 111,
          semester: 1,
          unit: '普通三01班',
          position: '班長',
          level: '班級',
          startDate: '2022-08-30',
          endDate: '2023-01-20',
        }),
      ),
      [PERF_UPLOAD],
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(system()) },
        { weight: 1, arbitrary: fc.constantFrom(admin(), student('s1')) },
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      fc
        .record({ performanceId, description: descriptionArb, files: filesArb })
        .map(({ files, ...data }) => portfolioCommand('AttachCadreProof', { ...ref, ...data, ...files })),
      [PERF_UPLOAD],
    ),
  },
  {
    weight: 8,
    arbitrary: step(
      performanceId.map((id) => portfolioCommand('SelectPerformance', { ...ref, performanceId: id })),
      [SELECTION],
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      performanceId.map((id) => portfolioCommand('DeselectPerformance', { ...ref, performanceId: id })),
      [SELECTION],
    ),
  },
);

/**
 * Scripted steps that are always accepted, so that every state and both caps come into reach: outcomes left
 * as draft, pending, passed or failed; performances; and selections of the first passed outcomes and performances.
 */
type Target = 'draft' | 'pending' | 'passed' | 'failed';
const SCRIPT_COURSES: ReadonlyArray<[string, string]> = [
  ['math-1111', 't1'],
  ['phys-1111', 't2'],
  ['math-1112', 't1'],
  ['phys-1112', 't2'],
  ['proj-1112', 't3'],
  ['math-1111', 't1'],
  ['phys-1111', 't2'],
  ['math-1112', 't9'],
  ['proj-1112', 't3'],
  ['phys-1112', 't2'],
  ['math-1111', 't1'],
  ['phys-1111', 't2'],
];
const IN_SELECTION = at('2023-04-12T10:00');
const scripted = (
  targets: ReadonlyArray<Target>,
  selectOutcomes: number,
  m: number,
  selectPerformances: number,
): Step[] => {
  const s1 = student('s1');
  const outcomeSteps = targets.flatMap((target, i): Step[] => {
    const [courseId, teacherId] = SCRIPT_COURSES[i]!;
    const id = `o${i + 1}`;
    const inUpload = at(courseId.endsWith('1111') ? '2022-10-01T10:00' : '2023-03-01T10:00');
    const inCert = at(courseId.endsWith('1111') ? '2023-01-25T09:00' : '2023-04-05T09:00');
    const steps: Step[] = [
      {
        command: portfolioCommand('UploadCourseOutcome', {
          ...ref,
          outcomeId: id,
          courseId,
          description: '成果',
          document: pdf(`s${i}.pdf`, 300_000),
        }),
        now: inUpload,
        actor: s1,
      },
    ];
    if (target === 'draft') return steps;
    steps.push({
      command: portfolioCommand('SendCourseOutcomeForCertification', { ...ref, outcomeId: id }),
      now: inUpload,
      actor: s1,
    });
    if (target === 'pending') return steps;
    const result = target === 'passed' ? { result: 'passed' } : { result: 'failed', reason: '不完整' };
    steps.push({
      command: portfolioCommand('CertifyCourseOutcome', { ...ref, outcomeId: id, ...result }),
      now: inCert,
      actor: teacher(teacherId),
    });
    return steps;
  });
  const passedIds = targets.flatMap((target, i) => (target === 'passed' ? [`o${i + 1}`] : []));
  const outcomeSelections = passedIds.slice(0, selectOutcomes).map((id): Step => ({
    command: portfolioCommand('SelectCourseOutcome', { ...ref, outcomeId: id }),
    now: IN_SELECTION,
    actor: s1,
  }));
  const performanceSteps = Array.from({ length: m }, (_, j): Step => ({
    command: portfolioCommand('RecordPerformance', {
      ...ref,
      performanceId: `p${j + 1}`,
      schoolYear: 111,
      semester: 1,
      details: DETAILS[j % DETAILS.length],
      startDate: '2022-10-01',
      endDate: '2022-10-01',
      description: '表現',
      document: pdf(`q${j}.pdf`, 200_000),
    }),
    now: at('2022-12-01T10:00'),
    actor: s1,
  }));
  const performanceSelections = Array.from({ length: Math.min(m, selectPerformances) }, (_, j): Step => ({
    command: portfolioCommand('SelectPerformance', { ...ref, performanceId: `p${j + 1}` }),
    now: IN_SELECTION,
    actor: s1,
  }));
  return [...outcomeSteps, ...outcomeSelections, ...performanceSteps, ...performanceSelections];
};

interface Scenario {
  readonly script: ReadonlyArray<Step>;
  readonly steps: ReadonlyArray<Step>;
}
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    targets: fc.array(
      fc.constantFrom<Target>(
        'draft',
        'pending',
        'pending',
        'failed',
        'passed',
        'passed',
        'passed',
        'passed',
        'passed',
        'passed',
      ),
      { maxLength: SCRIPT_COURSES.length, size: 'max' },
    ),
    // Often exactly at a cap, so that random selections press against it.
    selectOutcomes: fc.oneof(fc.constant(6), fc.integer({ min: 0, max: 6 })),
    m: fc.integer({ min: 0, max: 13 }),
    selectPerformances: fc.oneof(fc.constant(10), fc.integer({ min: 0, max: 10 })),
    steps: fc.array(stepArb, { maxLength: 60, size: 'max' }),
  })
  .map(({ targets, selectOutcomes, m, selectPerformances, steps }) => ({
    script: scripted(targets, selectOutcomes, m, selectPerformances),
    steps,
  }));

interface Observed {
  readonly after: PortfolioState;
  readonly accepted: ReadonlyArray<PortfolioEvent>;
}

type PortfolioDecider = typeof portfolioDecider;

/** Runs a scenario through the decider, folding only accepted events; `observe` sees the state after every step. */
const run = (
  scenario: Scenario,
  observe: (o: Observed) => void = () => undefined,
  decider: PortfolioDecider = portfolioDecider,
) => {
  let state = decider.initialState();
  const events: PortfolioEvent[] = [];
  const decideAndFold = (s: Step, mustAccept: boolean) => {
    const result = decider.decide(s.command, state, { now: s.now, actor: s.actor, policy });
    if (E.isLeft(result)) {
      if (mustAccept) throw new Error(`scripted step refused: ${result.left.code} ${result.left.message.en}`);
      if (!isDomainError(result.left) || !result.left.message['zh-TW'] || !result.left.message.en)
        throw new Error('a refusal must be a bilingual DomainError');
    }
    const accepted = E.isRight(result) ? result.right : [];
    state = foldEvents(decider.evolve, state, accepted);
    events.push(...accepted);
    observe({ after: state, accepted });
  };
  for (const s of scenario.script) decideAndFold(s, true);
  for (const s of scenario.steps) decideAndFold(s, false);
  return { state, events };
};

/** (a) R-SEL-1: per school year at most 6 selected outcomes and 10 selected performances. */
const checkSelectionCaps = (state: PortfolioState): void => {
  const perYear = new Map<number, { outcomes: number; performances: number }>();
  const entry = (year: number) => perYear.get(year) ?? perYear.set(year, { outcomes: 0, performances: 0 }).get(year)!;
  for (const o of Object.values(state.outcomes)) if (o.selected) entry(o.schoolYear).outcomes++;
  for (const p of Object.values(state.performances)) if (p.selected) entry(p.schoolYear).performances++;
  for (const [year, counts] of perYear) {
    if (counts.outcomes > 6 || counts.performances > 10)
      expect({ year, ...counts }).toEqual({ year, outcomes: '≤ 6', performances: '≤ 10' });
  }
};

/** (b) R-SEL-1 / R-OUT-11: every selected outcome has passed. */
const checkSelectedArePassed = (state: PortfolioState): void => {
  for (const o of Object.values(state.outcomes))
    if (o.selected && o.status !== 'passed')
      expect({ outcomeId: o.outcomeId, status: o.status }).toEqual({ outcomeId: o.outcomeId, status: 'passed' });
};

/** The fields of an outcome that R-OUT-9 freezes: everything but whether it is selected. */
const frozenPart = ({ selected: _selected, ...rest }: OutcomeState) => rest;

/** (c) R-OUT-9: remembers each outcome as it was when it passed and checks it never changes afterwards. */
const passedOutcomesWatcher = () => {
  const whenPassed = new Map<string, ReturnType<typeof frozenPart>>();
  return (state: PortfolioState): void => {
    for (const [id, snapshot] of whenPassed) {
      const now = state.outcomes[id];
      // Compare cheaply on every step; let expect render the difference only when there is one.
      if (!now || !isDeepStrictEqual(frozenPart(now), snapshot)) expect(now && frozenPart(now)).toStrictEqual(snapshot);
    }
    for (const o of Object.values(state.outcomes))
      if (o.status === 'passed' && !whenPassed.has(o.outcomeId)) whenPassed.set(o.outcomeId, frozenPart(o));
  };
};

/** (d) R-FILE-3: storageBytes is the sum of the file sizes of live items, and within the school's limit. */
const checkStorage = (state: PortfolioState): void => {
  const items = [...Object.values(state.outcomes), ...Object.values(state.performances)];
  const sum = items.reduce((total, item) => total + bytesOf(item.document, item.media), 0);
  if (state.storageBytes !== sum) expect(state.storageBytes).toBe(sum);
  if (state.storageBytes > 40 * MiB) expect(state.storageBytes).toBeLessThanOrEqual(40 * MiB);
};

/** (e) evolve is deterministic: the accepted events folded at once, one by one, or again give the same state. */
const checkFolding = (scenario: Scenario, decider: PortfolioDecider = portfolioDecider): void => {
  const { state, events } = run(scenario, undefined, decider);
  expect(foldEvents(decider.evolve, decider.initialState(), events)).toStrictEqual(state);
  expect(events.reduce((s, e) => foldEvents(decider.evolve, s, [e]), decider.initialState())).toStrictEqual(state);
  expect(foldFromInitial(decider, events)).toStrictEqual(state);
  expect(run(scenario, undefined, decider).state).toStrictEqual(state);
};

const NUM_RUNS = { numRuns: 200 };

describe('portfolio invariants under any sequence of commands', () => {
  it('never selects more than 6 outcomes or 10 performances in one school year (R-SEL-1)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => void run(scenario, ({ after }) => checkSelectionCaps(after))),
      NUM_RUNS,
    );
  });

  it('selects only passed outcomes, never pending, failed or draft ones (R-SEL-1, R-OUT-11)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => void run(scenario, ({ after }) => checkSelectedArePassed(after))),
      NUM_RUNS,
    );
  });

  it('never changes a passed outcome afterwards: content, files and status stay as when it passed (R-OUT-9)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const check = passedOutcomesWatcher();
        run(scenario, ({ after }) => check(after));
      }),
      NUM_RUNS,
    );
  });

  it('keeps storageBytes equal to the sum of the file sizes of live items (R-FILE-3)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => void run(scenario, ({ after }) => checkStorage(after))),
      NUM_RUNS,
    );
  });

  it(
    'folds deterministically: all accepted events at once, one by one, or in place from a new initial state give ' +
      'one state',
    () => {
      fc.assert(
        fc.property(scenarioArb, (scenario) => checkFolding(scenario)),
        NUM_RUNS,
      );
    },
  );

  it('emits only events that their codec accepts, so the store can keep them', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        run(scenario, ({ accepted }) => {
          for (const event of accepted)
            if (!PortfolioEventCodec.is(event)) expect(event).toBe('a valid PortfolioEvent');
        });
      }),
      { numRuns: 100 },
    );
  });
});
