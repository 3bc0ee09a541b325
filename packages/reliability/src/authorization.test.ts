import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { COMMAND_TYPES, portfolioStreamName, type PortfolioEvent, type SchoolEvent } from '@licheng/domain';
import { portfolioAggregate } from '@licheng/eventstore';
import { pdf, portfolioEvent, schoolEvent, seedEvents } from '@licheng/testing';
import { SCHOOL_ID, seededService, taipei } from './support/harness';
import { READERS, READ_ROWS, type Expected } from './support/reads';
import {
  COLUMNS,
  envelopeOf,
  MATRIX_SCHOOL,
  ROWS,
  rowHarness,
  runRow,
  type Column,
  type ColumnId,
  type Row,
} from './support/rows';

/**
 * The authorization matrix (R-AUTH-1..5, R-OUT-7, R-SUB-1): every command type, and each variant whose
 * permission depends on its data, against every role and relation. Each cell runs in its own store, in a
 * context where everything but authorization succeeds, so an allowed cell must be accepted and a refused
 * one must be refused for who acts — never for a window, a missing item or a state.
 *
 * docs/authorization.md is rendered from the same table (`UPDATE_DOCS=1 npx jest authorization`).
 */

const DOC = join(__dirname, '..', '..', '..', 'docs', 'authorization.md');

/** The codes that refuse for who acts: a refused cell must carry one of them... */
const AUTHORIZATION_CODES = new Set([
  'FUNCTION_NOT_HELD',
  'NOT_OWN_PORTFOLIO',
  'ROLE_NOT_ALLOWED',
  'NOT_SCHOOL_ADMINISTRATOR',
  'SYSTEM_ACTOR_ONLY',
  'NOT_COURSE_CERTIFIER',
  'NOT_A_SUBMITTER',
  'NOT_STAGE_REVIEWER',
]);
/**
 * ...and cite a rule about who acts, never one about windows (R-WIN-1 says who sets the city's period), files, quotas
 * or states.
 */
const NOT_AUTHORIZATION =
  /^R-(WIN-[234]|TIME|SEAL|FILE)-|^R-OUT-(1|2|3|4|5|6|8|9|10|11)$|^R-SEL-(1|2|3)$|^R-REC-(1|2|5)$/;

type Cell = { readonly column: ColumnId; readonly outcome: string };

const runCells = async (row: Row): Promise<{ mismatches: string[]; cells: Cell[] }> => {
  const mismatches: string[] = [];
  const cells: Cell[] = [];
  for (const column of COLUMNS) {
    const { result, harness } = await runRow(row, column.actor);
    const before = harness.store.eventCount;
    const allowed = row.allowed.includes(column.id);
    if (E.isRight(result)) {
      cells.push({ column: column.id, outcome: '✓' });
      if (!allowed) mismatches.push(`${column.label}: accepted, but only ${row.allowed.join(', ')} may ${row.label}`);
      else if (result.right.events.length === 0 || result.right.alreadyApplied)
        mismatches.push(`${column.label}: accepted without recording anything`);
      continue;
    }
    const { code, rule, message } = result.left;
    cells.push({ column: column.id, outcome: `✗ ${code} ${rule}` });
    if (allowed) {
      mismatches.push(
        `${column.label}: refused ${code} (${rule}): ${message.en} — the context should let this actor succeed`,
      );
      continue;
    }
    const expected = row.refusal(column.id);
    if (code !== expected.code || rule !== expected.rule)
      mismatches.push(
        `${column.label}: refused ${code} (${rule}), expected ${expected.code} (${expected.rule}): ${message.en}`,
      );
    if (!AUTHORIZATION_CODES.has(code) || rule === null || NOT_AUTHORIZATION.test(rule)) {
      mismatches.push(
        `${column.label}: refused with ${code} by ${rule ?? 'no rule'}, which is not an authorization refusal`,
      );
    }
    if (harness.store.eventCount !== before) mismatches.push(`${column.label}: refused, yet the store changed`);
  }
  return { mismatches, cells };
};

describe('the authorization matrix: every command × every role and relation (R-AUTH-1..5, R-OUT-7, R-SUB-1)', () => {
  it('covers every command type the service accepts', () => {
    expect([...new Set(ROWS.map((row) => row.type))].sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it.each(ROWS.map((row) => [row.label, row] as const))(
    '%s: allowed exactly where the rules allow',
    async (_label, row) => {
      const { mismatches } = await runCells(row);
      expect(mismatches).toEqual([]);
    },
  );
});

describe('actors bound to their school (R-AUTH-1, R-AUTH-3)', () => {
  const members = COLUMNS.filter((column) => column.actor.schoolId !== undefined);

  it.each(ROWS.map((row) => [row.label, row] as const))(
    '%s: refuses a member of another school in every role, even one the command allows, and stores nothing',
    async (_label, row) => {
      const refusals: string[] = [];
      for (const column of members) {
        const harness = await rowHarness(row);
        const before = harness.store.eventCount;
        const envelope = envelopeOf(row, column.actor);
        const result = await harness.service.execute({
          ...envelope,
          actor: { ...(envelope['actor'] as object), schoolId: 'tp_elsewhere' },
        });
        const expectedRule =
          column.actor.role === 'student' || column.actor.role === 'parent' ? 'R-AUTH-1' : 'R-AUTH-3';
        if (E.isRight(result)) refusals.push(`${column.label}: accepted`);
        else if (result.left.code !== 'ACTOR_NOT_OF_SCHOOL' || result.left.rule !== expectedRule)
          refusals.push(`${column.label}: ${result.left.code} ${result.left.rule}`);
        if (harness.store.eventCount !== before) refusals.push(`${column.label}: the store changed`);
      }
      expect(refusals).toEqual([]);
    },
  );

  it('refuses a school actor without a school as malformed input naming actor.schoolId', async () => {
    const row = ROWS.find((r) => r.type === 'SelectCourseOutcome')!;
    const harness = await rowHarness(row);
    const { schoolId: _school, ...unbound } = COLUMNS.find((c) => c.id === 'ownStudent')!.actor;
    const result = await harness.service.execute({ ...envelopeOf(row, unbound), actor: unbound });
    expect(E.isLeft(result) && result.left.code).toBe('INVALID_INPUT');
    expect(E.isLeft(result) && JSON.stringify(result.left.details)).toContain('actor.schoolId');
  });
});

// R-OUT-7 in detail: which teacher may certify which course.

interface CertifierCase {
  readonly relation: string;
  /** The administrator's choices before the certification. */
  readonly school?: ReadonlyArray<SchoolEvent>;
  readonly courseId: string;
  readonly term: '1111' | '1112';
  readonly teacherId: string;
  readonly allowed: boolean;
}

/**
 * The fixture: math-1111 and math-1112 taught by t1 (t6 proxy for math-1112), physics by t2, proj-1112 co-taught
 * by t3 and t4, who both start at 審核=是; the administrator has set t4 to 否 (support/harness.ts).
 */
const CERTIFIERS: ReadonlyArray<CertifierCase> = [
  { relation: "the course's teacher", courseId: 'math-1111', term: '1111', teacherId: 't1', allowed: true },
  { relation: 'the teacher of another course', courseId: 'math-1111', term: '1111', teacherId: 't2', allowed: false },
  {
    relation: "the student's homeroom teacher",
    courseId: 'math-1111',
    term: '1111',
    teacherId: 't-home',
    allowed: false,
  },
  {
    relation: 'a co-taught course: a co-teacher at 審核=是, where every one starts',
    courseId: 'proj-1112',
    term: '1112',
    teacherId: 't3',
    allowed: true,
  },
  {
    relation: 'a co-taught course: a co-teacher the administrator set to 否',
    courseId: 'proj-1112',
    term: '1112',
    teacherId: 't4',
    allowed: false,
  },
  {
    relation: 'a co-taught course: that co-teacher set back to 是',
    courseId: 'proj-1112',
    term: '1112',
    teacherId: 't4',
    allowed: true,
    school: [schoolEvent('CourseReviewerMarked', { courseId: 'proj-1112', teacherId: 't4' })],
  },
  {
    relation: 'a proxy the administrator appointed for the course',
    courseId: 'math-1112',
    term: '1112',
    teacherId: 't6',
    allowed: true,
  },
  {
    relation: 'a proxy appointed for another course',
    courseId: 'math-1111',
    term: '1111',
    teacherId: 't6',
    allowed: false,
  },
];

const CERTIFICATION_NOW = { '1111': taipei('2023-01-25T10:00'), '1112': taipei('2023-04-05T10:00') } as const;
const SUBJECT: Readonly<Record<string, string>> = { 'math-1111': '數學', 'math-1112': '數學', 'proj-1112': '專題研究' };

describe('who may certify an outcome (R-OUT-7)', () => {
  it.each(CERTIFIERS.map((c) => [c.relation, c] as const))('%s', async (_relation, c) => {
    const { store, service } = await seededService(['s1', 's2'], { extra: [...MATRIX_SCHOOL, ...(c.school ?? [])] });
    const history: PortfolioEvent[] = [
      portfolioEvent('CourseOutcomeUploaded', {
        studentId: 's1',
        outcomeId: 'o1',
        courseId: c.courseId,
        term: c.term,
        subject: SUBJECT[c.courseId],
        description: '成果',
        document: pdf(),
      }),
      portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o1' }),
    ];
    await seedEvents(store, portfolioAggregate, portfolioStreamName(SCHOOL_ID, 's1'), history);
    const result = await service.execute({
      commandId: 'certify',
      now: CERTIFICATION_NOW[c.term],
      actor: { id: c.teacherId, role: 'teacher', schoolId: SCHOOL_ID },
      type: 'CertifyCourseOutcome',
      data: { schoolId: SCHOOL_ID, studentId: 's1', outcomeId: 'o1', result: 'passed' },
    });
    if (c.allowed) expect(E.isRight(result) || result.left).toBe(true);
    else
      expect(E.isLeft(result) && { code: result.left.code, rule: result.left.rule }).toEqual({
        code: 'NOT_COURSE_CERTIFIER',
        rule: 'R-OUT-7',
      });
  });
});

// The document.

const cellText = (row: Row, column: Column): string =>
  row.allowed.includes(column.id) ? '✓' : `✗ ${row.refusal(column.id).rule}`;

const section = (title: string, rows: ReadonlyArray<Row>): string => {
  const header = `| command | ${COLUMNS.map((c) => c.label).join(' | ')} | allowed by | refused with |`;
  const rule = `| --- | ${COLUMNS.map(() => ':-:').join(' | ')} | --- | --- |`;
  const lines = rows.map((row) => {
    const codes = [...new Set(COLUMNS.filter((c) => !row.allowed.includes(c.id)).map((c) => row.refusal(c.id).code))]
      .map((code) => `\`${code}\``)
      .join(', ');
    return `| \`${row.label}\` | ${COLUMNS.map((c) => cellText(row, c)).join(' | ')} | ${row.basis} | ${codes} |`;
  });
  return [`### ${title}`, '', header, rule, ...lines, ''].join('\n');
};

const readCell = (expected: Expected): string =>
  expected === 'all' ? '✓' : expected === 'own' ? '✓ own' : `✗ ${expected.rule}`;

/** The read matrix that reads.test.ts verifies, cell by cell. */
const readSection = (): ReadonlyArray<string> => [
  '## Who may read what',
  '',
  'The scoped reads of `@licheng/projections` (`readClassConfirmation`, …) and `readStudentTimeline` of',
  '`@licheng/audit` take the reader and answer only within their scope (RULES.md R-AUTH-1, R-AUTH-2, R-AUTH-5,',
  'R-AUTH-6, R-REC-6). `packages/reliability/src/reads.test.ts` runs every cell on one view: a ✓ cell answers',
  "exactly what the auditor's unscoped report answers, a ✓ own cell only the reader's part of it (their classes'",
  'rows, their own waiting outcomes), a ✗ cell is refused with the rule shown.',
  '',
  '| reader | who |',
  '| --- | --- |',
  ...READERS.map((c) => `| ${c.label} | ${c.who} |`),
  '',
  `| read | ${READERS.map((c) => c.label).join(' | ')} | allowed by | refused with |`,
  `| --- | ${READERS.map(() => ':-:').join(' | ')} | --- | --- |`,
  ...READ_ROWS.map((row) => {
    const cells = READERS.map((c) => row.expected(c.id));
    const codes = [...new Set(cells.flatMap((e) => (typeof e === 'string' ? [] : [`\`${e.code}\``])))].join(', ');
    return `| ${row.label} | ${cells.map(readCell).join(' | ')} | ${row.basis} | ${codes} |`;
  }),
  '',
  '- A school-bound reader (everyone but the city and the system) carries the school it belongs to; a read of',
  '  another school is refused `ACTOR_NOT_OF_SCHOOL` before anything of that school is looked at.',
  '- S0205S/S0206S (the selection queries of seed 003) open the whole school to the staff in a role group',
  '  holding them, whatever their role; the administrator reads the whole school without a group (R-AUTH-5).',
  '- A parent account reads the students the school linked it to (`LinkParentAccount`, R-AUTH-6), nothing else.',
  '- The homeroom teacher of a student is that of the school year asked (the notice), else of the latest class.',
  '- Auditors replaying a log (the `licheng` command line) read through `auditorReports`, with no reader.',
  '',
];

const renderAuthorizationDoc = (): string =>
  [
    '# Authorization matrix',
    '',
    '<!-- Generated by packages/reliability/src/authorization.test.ts from the table it verifies. Do not edit by hand:',
    '     UPDATE_DOCS=1 npx jest authorization -->',
    '',
    'Who may send which command (RULES.md R-AUTH-1..5, R-OUT-7, R-SUB-1). The reliability suite runs every cell',
    'against the real service, each in its own store and in a context where everything but authorization would',
    'succeed (the window is open, the item exists and is in the right state, nothing is sealed): a ✓ cell must be',
    'accepted, a ✗ cell must be refused by the rule shown, never by a window or a state.',
    '',
    '## Actors',
    '',
    '| column | who | role |',
    '| --- | --- | --- |',
    ...COLUMNS.map((c) => `| ${c.label} | ${c.who} | \`${c.actor.role}\` |`),
    '',
    '## Commands × actors',
    '',
    section(
      'School stream',
      ROWS.filter((r) => r.aggregate === 'school'),
    ),
    section(
      'Portfolio streams',
      ROWS.filter((r) => r.aggregate === 'portfolio'),
    ),
    section(
      'Submission streams',
      ROWS.filter((r) => r.aggregate === 'submission'),
    ),
    '## Who may certify an outcome (R-OUT-7)',
    '',
    '| relation to the course | may certify |',
    '| --- | :-: |',
    ...CERTIFIERS.map((c) => `| ${c.relation} | ${c.allowed ? '✓' : '✗ R-OUT-7'} |`),
    '',
    ...readSection(),
    '## Notes',
    '',
    '- A parent reads the portfolios of the students the school linked it to and nothing more (R-AUTH-1, R-AUTH-6):',
    '  no command accepts a parent.',
    '- `SetOperatingPeriod` belongs to the city (R-WIN-1), so everyone else, the administrator included, is',
    '  refused under R-WIN-1 rather than told that only the administrator may send it.',
    "- Rosters, classes, courses and cadre records also arrive from the school's records system (the `system` actor).",
    '- Submitting needs the function of R-SUB-1 (S0207S outcomes, S0208S performances, S0218S cadre records);',
    '  the view functions S0205S / S0206S alone do not allow it, and course records, for which the sources name',
    '  no function, are submitted by the administrator. The administrator submits other categories only as a',
    '  member of a role group holding the function.',
    '- `RecordReceiptReview` accepts the administrator and any `submitter`, whatever their role group holds.',
    '',
  ].join('\n');

describe('docs/authorization.md', () => {
  it('is rendered from the verified matrix', () => {
    const rendered = renderAuthorizationDoc();
    if (process.env['UPDATE_DOCS'] === '1') {
      writeFileSync(DOC, rendered);
      return;
    }
    const stored = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    if (stored !== rendered) {
      throw new Error(
        'docs/authorization.md is out of date with the authorization matrix; regenerate it with `UPDATE_DOCS=1 npx ' +
          'jest authorization`',
      );
    }
  });
});
