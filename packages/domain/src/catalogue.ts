import * as t from 'io-ts';
import { Actor } from './shared/actor';
import type { RuleId } from './shared/rules';
import { TaipeiInstant } from './shared/time';
import type { PortfolioCommandType } from './portfolio/commands';
import { PortfolioEvent, type PortfolioEventType } from './portfolio/events';
import { portfolioStreamName } from './portfolio/state';
import type { SchoolCommandType } from './school/commands';
import { schoolStreamName } from './school/decider';
import { SchoolEvent, type SchoolEventType } from './school/events';
import { submissionStreamName, type SubmissionCommandType } from './submission/commands';
import { SubmissionEvent } from './submission/events';
import { EventQuarantined, QUARANTINE_DOC } from './quarantine/events';

/**
 * The event catalogue (docs/events.md), generated from the io-ts codecs so that it cannot drift from them.
 * What a codec cannot say — what an event means, which rules stand behind it, which commands record it —
 * is written here, in a table typed by event type: a new event without an entry does not compile.
 */

export type EventType = SchoolEventType | PortfolioEventType | SubmissionEvent['type'];
type CommandType = SchoolCommandType | PortfolioCommandType | SubmissionCommandType;

export interface EventDoc {
  /** One line: what the event records. */
  readonly meaning: string;
  /** The rules of RULES.md the event stands for or was checked against. */
  readonly rules: ReadonlyArray<RuleId>;
  /** The commands whose decision records it. */
  readonly commands: ReadonlyArray<CommandType>;
}

export const EVENT_DOCS: Readonly<Record<EventType, EventDoc>> = {
  // school-{schoolId}
  SchoolRegistered: {
    meaning: 'The school was registered; every other command for the school needs this first.',
    rules: ['R-AUTH-3'],
    commands: ['RegisterSchool'],
  },
  OperatingPeriodSet: {
    meaning:
      "The city's operating period (作業期間) for outcomes or performances in one school year, set by the city; work periods must lie inside it.",
    rules: ['R-WIN-1'],
    commands: ['SetOperatingPeriod'],
  },
  WorkPeriodSet: {
    meaning:
      'A work period (作業時間) set or changed for a term and item; each change is its own event and later actions are judged by it. ' +
      'A submission, confirmation or re-check period belongs to a round: `cohorts` names it, absent for the round of every cohort (every period set before rounds).',
    rules: ['R-WIN-2', 'R-WIN-3', 'R-TIME-2', 'R-SEAL-2', 'R-ROUND-1'],
    commands: ['SetWorkPeriod'],
  },
  ParameterSet: {
    meaning:
      "A school parameter in force from a school year on; `null` means no limit (performance cap) or no mail (the teachers' reminder hour). File and storage limits may not exceed the national ones. The reminder parameters (hour 0–23, days from 1) are R-NOTE-1's; the value widened from positive to non-negative for the hour 0, so every value written before reads as it did (schema 1).",
    rules: ['R-OUT-3', 'R-OUT-4', 'R-PERF-2', 'R-FILE-1', 'R-FILE-3', 'R-NOTE-1', 'R-AUTH-3'],
    commands: ['SetParameter'],
  },
  ClassRegistered: {
    meaning: 'A class of a school year and its homeroom teacher (導師).',
    rules: ['R-AUTH-2', 'R-AUTH-3'],
    commands: ['RegisterClass'],
  },
  StudentEnrolled: {
    meaning: 'A student enrolled at the school, with student number, name and entry school year.',
    rules: ['R-AUTH-1', 'R-AUTH-3', 'R-PERF-4'],
    commands: ['EnrollStudent'],
  },
  StudentPlaced: {
    meaning: "A student's class and seat number (座號) for one school year.",
    rules: ['R-AUTH-2', 'R-REP-1'],
    commands: ['PlaceStudent'],
  },
  TeacherRegistered: {
    meaning:
      'A teacher of the school (教師人員資料) and the name reports show; certifiers, reviewers, proxies, homeroom teachers and plan advisors must be registered. Naming a teacher known only from older records gives them their name.',
    rules: ['R-AUTH-3', 'R-REP-6'],
    commands: ['RegisterTeacher'],
  },
  CourseOpened: {
    meaning:
      'A course of a term with its subject, credits and registered teachers; `coTaught` defaults to "more than one teacher", and every co-teacher starts at 審核=是. Schema v2: a v1 event is upcast with `reviewers: "marked"` (its co-teachers review only once marked, the rule it was decided under).',
    rules: ['R-OUT-1', 'R-OUT-7', 'R-AUTH-3'],
    commands: ['OpenCourse'],
  },
  CourseReviewerMarked: {
    meaning:
      'In a co-taught course (合開課程), one of its teachers set to 審核=是 (可以認證), who may certify its outcomes from then on.',
    rules: ['R-OUT-7', 'R-AUTH-5'],
    commands: ['MarkCourseReviewer'],
  },
  CourseReviewerUnmarked: {
    meaning:
      'In a co-taught course, one of its teachers set to 審核=否 (無法認證); later certifications by them are refused.',
    rules: ['R-OUT-7', 'R-AUTH-5'],
    commands: ['UnmarkCourseReviewer'],
  },
  CertificationProxyAppointed: {
    meaning: "A proxy teacher appointed to certify a course's outcomes.",
    rules: ['R-OUT-7'],
    commands: ['AppointCertificationProxy'],
  },
  CourseRosterSynced: {
    meaning: "The students taking a course, from the school's records; replaces the course's roster.",
    rules: ['R-OUT-1'],
    commands: ['SyncCourseRoster'],
  },
  RoleGroupDefined: {
    meaning:
      'A role group (角色群組): its function codes, whether it is in use (是否使用, absent = 是) and the 新增/修改/刪除 rights per code (a code not listed in `rights` holds all three); defining it again replaces all of these, keeping members.',
    rules: ['R-SUB-1', 'R-AUTH-3', 'R-AUTH-5'],
    commands: ['DefineRoleGroup'],
  },
  RoleGroupMemberAdded: {
    meaning: 'A user added to a role group.',
    rules: ['R-SUB-1', 'R-AUTH-3', 'R-AUTH-5'],
    commands: ['AddRoleGroupMember'],
  },
  RoleGroupMemberRemoved: {
    meaning: "A user removed from a role group; their later commands no longer use the group's functions.",
    rules: ['R-AUTH-5'],
    commands: ['RemoveRoleGroupMember'],
  },
  PeriodSealed: {
    meaning:
      "A round of a receipt category's period sealed (封存) by the system once its confirmation is over; nothing in it changes again. " +
      '`cohorts` names the round, absent for the round of every cohort (every v1/v2 seal). ' +
      "`digest` is the digest of the school's stream heads just before sealing (docs/audit.md), `null` for seals without one. " +
      "Schema 3 adds `integrity`: the exact heads covered and, when the deadline runner holds a key, its Ed25519 signature; a signature with `statement: 2` also covers the round's `cohorts`.",
    rules: ['R-SEAL-1', 'R-SEAL-2', 'R-AUTH-4', 'R-ROUND-1', 'R-ROUND-2'],
    commands: ['SealPeriod'],
  },
  PlanApprovalOrderSet: {
    meaning: 'The order of approval stages for self-directed learning plans (自主學習計畫).',
    rules: ['R-PLAN-1'],
    commands: ['SetPlanApprovalOrder'],
  },
  ParentAccountLinked: {
    meaning:
      'The school linked a parent account (親子帳號) to students of the school; through the link it reads their portfolios, statements and notices, and writes nothing.',
    rules: ['R-AUTH-6', 'R-AUTH-3'],
    commands: ['LinkParentAccount'],
  },
  ParentAccountUnlinked: {
    meaning: 'The school removed links of a parent account; reads through them are refused from then on.',
    rules: ['R-AUTH-6', 'R-AUTH-3'],
    commands: ['UnlinkParentAccount'],
  },

  // portfolio-{schoolId}-{studentId}
  CourseOutcomeUploaded: {
    meaning:
      'A course learning outcome (課程學習成果) uploaded as a draft for a credit-bearing course the student takes; term and subject come from the course.',
    rules: ['R-OUT-1', 'R-OUT-2', 'R-OUT-3', 'R-OUT-4', 'R-OUT-5', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3', 'R-FILE-4'],
    commands: ['UploadCourseOutcome'],
  },
  CourseOutcomeEdited: {
    meaning:
      'The content of a draft or failed outcome replaced whole (absent files are removed); a failed outcome becomes a draft again.',
    rules: ['R-OUT-5', 'R-OUT-6', 'R-OUT-9', 'R-OUT-10', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3'],
    commands: ['EditCourseOutcome'],
  },
  CourseOutcomeDeleted: {
    meaning:
      'A draft or failed outcome deleted; it no longer counts toward quotas or storage, and its id is never reused.',
    rules: ['R-OUT-3', 'R-OUT-5', 'R-OUT-6', 'R-OUT-9', 'R-FILE-3'],
    commands: ['DeleteCourseOutcome'],
  },
  CourseOutcomeSentForCertification: {
    meaning: 'An outcome sent for certification: pending (待認證) from now on, no longer editable.',
    rules: ['R-OUT-5', 'R-OUT-6', 'R-OUT-10'],
    commands: ['SendCourseOutcomeForCertification'],
  },
  CourseOutcomeCertified: {
    meaning:
      'A teacher allowed to certify the course passed (通過) or failed (不通過) a pending outcome; a fail carries a reason.',
    rules: ['R-OUT-7', 'R-OUT-8'],
    commands: ['CertifyCourseOutcome'],
  },
  PerformanceRecorded: {
    meaning:
      'A diverse performance (多元表現) recorded for a school year and semester; also recorded when a learning plan is approved.',
    rules: [
      'R-PERF-1',
      'R-PERF-2',
      'R-PERF-3',
      'R-PERF-4',
      'R-PERF-5',
      'R-PERF-7',
      'R-WIN-2',
      'R-FILE-1',
      'R-FILE-2',
      'R-FILE-3',
      'R-PLAN-1',
    ],
    commands: ['RecordPerformance', 'ReviewLearningPlan'],
  },
  PerformanceEdited: {
    meaning: 'The content of a performance replaced whole before it was submitted; the category stays.',
    rules: ['R-PERF-1', 'R-PERF-3', 'R-PERF-4', 'R-PERF-8', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3'],
    commands: ['EditPerformance'],
  },
  PerformanceDeleted: {
    meaning:
      "A student's own performance deleted before it was submitted; its storage is freed and its id never reused.",
    rules: ['R-PERF-6', 'R-PERF-8', 'R-FILE-3'],
    commands: ['DeletePerformance'],
  },
  CadreRecordSynced: {
    meaning:
      "A cadre record (幹部經歷) synced from the school's records: a cadre performance without files that the student cannot edit or delete.",
    rules: ['R-PERF-6'],
    commands: ['SyncCadreRecord'],
  },
  CadreProofAttached: {
    meaning:
      'Proof attached to a synced cadre record (description and files replaced whole); with a file it becomes selectable.',
    rules: ['R-PERF-6', 'R-PERF-3', 'R-FILE-1', 'R-FILE-2', 'R-FILE-3'],
    commands: ['AttachCadreProof'],
  },
  CourseOutcomeSelected: {
    meaning: "A passed outcome selected (勾選) for the school's submission of its school year.",
    rules: ['R-SEL-1', 'R-SEL-2', 'R-OUT-11'],
    commands: ['SelectCourseOutcome'],
  },
  CourseOutcomeDeselected: {
    meaning: 'An outcome taken out of the selection while the selection window is open.',
    rules: ['R-SEL-2'],
    commands: ['DeselectCourseOutcome'],
  },
  PerformanceSelected: {
    meaning: "A performance selected for the school's submission of its school year.",
    rules: ['R-SEL-1', 'R-SEL-2', 'R-PERF-6'],
    commands: ['SelectPerformance'],
  },
  PerformanceDeselected: {
    meaning: 'A performance taken out of the selection while the selection window is open.',
    rules: ['R-SEL-2'],
    commands: ['DeselectPerformance'],
  },
  ReceiptStatementIssued: {
    meaning:
      'The receipt statement (收訖明細) of an accepted submission reached the student, each item with its fields (`details`, R-REC-7); ' +
      "a corrected resubmission replaces items and FID and keeps the answers, until the student's answer seals the data (R-SEAL-3). " +
      'Schema v2: a v1 statement (items `{ itemId, title }`) is upcast with `details: null` on each item.',
    rules: ['R-SUB-3', 'R-REC-1', 'R-REC-7', 'R-PERF-8', 'R-ROUND-1', 'R-SEAL-3'],
    commands: ['IssueReceiptStatement'],
  },
  ReceiptConfirmed: {
    meaning: 'The student confirmed the data correct (資料正確無誤), in the first answer or the re-check; final.',
    rules: ['R-REC-2', 'R-REC-4'],
    commands: ['ConfirmReceipt'],
  },
  ReceiptErrorReported: {
    meaning: 'The student reported errors (資料狀態回報: 資料有多/有少/有誤, each with a reason); final.',
    rules: ['R-REC-2', 'R-REC-3', 'R-REC-4'],
    commands: ['ReportReceiptError'],
  },
  ReceiptReviewRecorded: {
    meaning:
      "The school's review of a first report: the data was right, or it corrected and resubmitted; the re-check follows.",
    rules: ['R-REC-4'],
    commands: ['RecordReceiptReview'],
  },
  ReceiptDeemedCorrect: {
    meaning:
      'No answer when the confirmation (or re-check) window closed: deemed correct (視為正確無誤), recorded by the system.',
    rules: ['R-REC-5', 'R-AUTH-4'],
    commands: ['DeemReceiptCorrect'],
  },
  LearningPlanSubmitted: {
    meaning:
      'A self-directed learning plan submitted, or submitted again after a return, with the approval stages then in force.',
    rules: ['R-PLAN-1', 'R-PERF-4', 'R-PERF-5', 'R-FILE-2'],
    commands: ['SubmitLearningPlan'],
  },
  LearningPlanStagePassed: {
    meaning: 'The reviewer of the current stage passed the plan.',
    rules: ['R-PLAN-1'],
    commands: ['ReviewLearningPlan'],
  },
  LearningPlanReturned: {
    meaning: 'The reviewer of the current stage returned the plan, with a reason.',
    rules: ['R-PLAN-1'],
    commands: ['ReviewLearningPlan'],
  },
  LearningPlanApproved: {
    meaning:
      'Every stage passed; followed in the same batch by a 自主學習 PerformanceRecorded with the plan id as performance id.',
    rules: ['R-PLAN-1', 'R-PERF-5'],
    commands: ['ReviewLearningPlan'],
  },
  ApplicationItemsPicked: {
    meaning:
      'The items picked for one department applied to (申請入學); a later pick for the same department replaces it.',
    rules: ['R-APP-1'],
    commands: ['PickApplicationItems'],
  },

  // submission-{schoolId}-{category}-{period}[-{cohorts}]
  RosterSubmitted: {
    meaning:
      "An attempt (FID) to submit a category's roster for a round of a period to the central database (中央資料庫); `cohorts` as in the stream name.",
    rules: ['R-SUB-1', 'R-SUB-2', 'R-REC-1', 'R-ROUND-1'],
    commands: ['SubmitRoster'],
  },
  SubmissionRejected: {
    meaning:
      'The central database refused the attempt (資料檢核錯誤) with its validation message; the school may fix and submit again.',
    rules: ['R-SUB-2'],
    commands: ['RecordSubmissionResult'],
  },
  SubmissionAccepted: {
    meaning:
      'The central database accepted the attempt (檢核無誤，資料已匯入); the statement process then issues each listed student a receipt statement.',
    rules: ['R-SUB-2', 'R-SUB-3'],
    commands: ['RecordSubmissionResult'],
  },
};

/** The rules behind each event type. */
export const EVENT_RULES: Readonly<Record<EventType, ReadonlyArray<RuleId>>> = Object.fromEntries(
  Object.entries(EVENT_DOCS).map(([type, doc]) => [type, doc.rules]),
) as Record<EventType, ReadonlyArray<RuleId>>;

/** What a named type means beyond its shape (a brand's predicate cannot be read back from the codec). */
const TYPE_NOTES: Readonly<Record<string, string>> = {
  Actor:
    'Who sent the command: a member of one school, bound to it by the embedding service (R-AUTH-1, R-AUTH-3), or the system or the city, which act for every school.',
  CadreLevel: 'Cadre level (R-PERF-6).',
  CalendarDate: 'A Gregorian date `YYYY-MM-DD` that exists.',
  CompetitionLevel: 'Competition level (R-PERF-7).',
  FileMeta:
    'What the library records of a file, never its bytes (R-FILE-4). Type and size limits are checked by the deciders (R-FILE-1).',
  FlexibleLearningKind: 'Kind of flexible learning time (R-PERF-5).',
  FlexibleLearningWeeks: 'An integer from 1 to 18 (R-PERF-5).',
  Id: 'An identifier chosen by the embedding service: 1 to 64 letters, digits and `_ . : -`.',
  NonEmptyReceiptProblems: 'At least one problem.',
  NonEmptyStages: 'At least one stage.',
  NonEmptyText: 'Text with at least one non-space character, at most 200 code points.',
  NonNegativeInt: 'A safe integer, 0 or more.',
  OperatingItem: "The city's two operating periods (R-WIN-1).",
  Cohorts:
    'The cohorts a round (梯次) covers, as entry school years (入學年度), ascending without repeats (R-ROUND-1).',
  ItemDetails:
    "What a statement shows of one item (R-REC-7): a course record's, a cadre record's, or a selected item's files, told apart by `kind`.",
  StatementItem: 'An item of a receipt statement: `details` null on a statement issued before R-REC-7.',
  ParameterName:
    'A school parameter, versioned by school year (R-OUT-3, R-OUT-4, R-PERF-2, R-FILE-1, R-FILE-3, R-NOTE-1).',
  PerformanceDetails: 'The fields of each of the ten categories (R-PERF-1, R-PERF-5..7), told apart by `category`.',
  PlanApprovalStage:
    "A stage of plan approval: a role group's members, the plan's advisor, or the homeroom teacher (R-PLAN-1).",
  PositiveInt: 'A safe integer, 1 or more.',
  ReceiptCategory:
    'The four receipt-confirmation categories (R-REC-1): 修課紀錄, 幹部經歷 (per semester), 學習成果, 多元表現 (per school year).',
  ReceiptProblem:
    'One reported problem: 資料有多 (extra), 資料有少 (missing) or 資料有誤 (wrong), with a reason (R-REC-2).',
  ReceiptStage:
    'The first answer, in the confirmation window, or the second, in the re-check window (R-REC-2, R-REC-4).',
  PlatformRole:
    "A role above every school: `system` is the platform itself and the school's records system (R-AUTH-4, R-SUB-1), `city` the Department of Education (R-WIN-1).",
  RosterEntry: "One student's part of a submitted roster (R-SUB-3).",
  SchoolId: "A school's identifier: 1 to 64 letters, digits and `_ . :`.",
  SchoolRole: 'A role of a person who belongs to one school.',
  SchoolYear: 'A ROC school year (學年度), an integer from 1 to 999; 111 runs 2022-08-01 to 2023-07-31 (R-TIME-1).',
  Semester: '1 or 2, or 0 for the whole school year (R-TIME-1).',
  Sha256Digest: 'A SHA-256 digest: 64 lowercase hexadecimal digits.',
  Sha256Hex: '64 lowercase hexadecimal digits.',
  SubmittedItem: 'One item as submitted: the outcome, performance, cadre record or course record it stands for.',
  TaipeiInstant: 'An Asia/Taipei minute written `YYYY-MM-DDTHH:mm+08:00` (R-TIME-2).',
  Term: 'A term (學年期) written `YYYS`, e.g. `1112`; semester 0 means the whole school year (R-TIME-1).',
  Window: 'A half-open window: open from `start` (inclusive) until `end` (exclusive) (R-TIME-2).',
  WorkItem:
    'What a work period (作業時間) governs (R-WIN-2); selection, performance upload and the yearly categories are set for semester 0.',
};

interface Field {
  readonly name: string;
  readonly codec: t.Mixed;
  readonly required: boolean;
}

/** `t.exact` / `t.strict` and `t.readonly` wrap a codec without changing its fields. */
const unwrap = (codec: t.Mixed): t.Mixed =>
  codec instanceof t.ExactType || codec instanceof t.ReadonlyType ? unwrap(codec.type as t.Mixed) : codec;

/** The fields of an object codec: `t.type` props are required, `t.partial` props optional, intersections merge. */
const fieldsOf = (wrapped: t.Mixed): ReadonlyArray<Field> | undefined => {
  const codec = unwrap(wrapped);
  if (codec instanceof t.InterfaceType) {
    return Object.entries(codec.props as t.Props).map(([name, field]) => ({ name, codec: field, required: true }));
  }
  if (codec instanceof t.PartialType) {
    return Object.entries(codec.props as t.Props).map(([name, field]) => ({ name, codec: field, required: false }));
  }
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as ReadonlyArray<t.Mixed>).map(fieldsOf);
    return parts.every((part) => part !== undefined) ? parts.flatMap((part) => part ?? []) : undefined;
  }
  return undefined;
};

/** io-ts names a combinator by its structure (`Array<Id>`, `{ a: string }`); a name we gave is an identifier. */
const isGivenName = (name: string): boolean => /^[A-Za-z_$][\w$]*$/.test(name);

/** Named types met while rendering, to be defined once at the end. */
type Registry = Map<string, t.Mixed>;

/** A short type expression for a table cell; named types are registered and shown by name. */
const typeOf = (codec: t.Mixed, registry: Registry): string => {
  if (codec instanceof t.StringType) return 'string';
  if (codec instanceof t.NumberType) return 'number';
  if (codec instanceof t.BooleanType) return 'boolean';
  if (codec instanceof t.NullType) return 'null';
  if (codec instanceof t.UnknownType) return 'unknown';
  if (codec instanceof t.LiteralType) return JSON.stringify(codec.value);
  if (isGivenName(codec.name)) {
    const known = registry.get(codec.name);
    if (known !== undefined && known !== codec) throw new Error(`two different codecs are named ${codec.name}`);
    registry.set(codec.name, codec);
    return codec.name;
  }
  if (codec instanceof t.ArrayType) {
    const element = typeOf(codec.type as t.Mixed, registry);
    return /[ |&]/.test(element) ? `Array<${element}>` : `${element}[]`;
  }
  if (codec instanceof t.UnionType)
    return (codec.types as ReadonlyArray<t.Mixed>).map((member) => typeOf(member, registry)).join(' | ');
  if (codec instanceof t.KeyofType)
    return Object.keys(codec.keys as object)
      .map((key) => JSON.stringify(key))
      .join(' | ');
  if (codec instanceof t.RefinementType) return typeOf(codec.type as t.Mixed, registry);
  if (codec instanceof t.ExactType || codec instanceof t.ReadonlyType) return typeOf(codec.type as t.Mixed, registry);
  const fields = fieldsOf(codec);
  if (fields)
    return `{ ${fields.map((field) => `${field.name}${field.required ? '' : '?'}: ${typeOf(field.codec, registry)}`).join('; ')} }`;
  return codec.name;
};

/** Markdown table cells: a pipe would end the cell, even inside a code span. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');
/** A code span in running text or a list. */
const code = (text: string): string => `\`${text}\``;
/** A code span inside a table cell. */
const codeCell = (text: string): string => `\`${cell(text)}\``;

const fieldTable = (fields: ReadonlyArray<Field>, registry: Registry): ReadonlyArray<string> => [
  '| field | type | required |',
  '| --- | --- | --- |',
  ...fields.map(
    (field) =>
      `| ${codeCell(field.name)} | ${codeCell(typeOf(field.codec, registry))} | ${field.required ? 'yes' : 'no'} |`,
  ),
];

const ruleLinks = (rules: ReadonlyArray<RuleId>): string =>
  rules.map((rule) => `[${rule}](rules.md#${rule.toLowerCase()})`).join(', ');

const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

/** The definition of a named type in the Types section. */
const defineType = (name: string, wrapped: t.Mixed, registry: Registry): ReadonlyArray<string> => {
  const codec = unwrap(wrapped);
  const lines = [`### ${name}`, ''];
  const note = TYPE_NOTES[name];
  if (note !== undefined) lines.push(note, '');
  if (codec instanceof t.RefinementType) {
    lines.push(`Refines ${code(typeOf(codec.type as t.Mixed, registry))}.`);
  } else if (codec instanceof t.KeyofType) {
    lines.push(
      `One of ${Object.keys(codec.keys as object)
        .map((key) => code(key))
        .join(', ')}.`,
    );
  } else if (codec instanceof t.UnionType) {
    const members = codec.types as ReadonlyArray<t.Mixed>;
    const objects = members.map(fieldsOf);
    if (objects.every((fields) => fields !== undefined)) {
      lines.push('One of:', '');
      for (const fields of objects) {
        lines.push(
          `- ${(fields ?? []).map((field) => code(`${field.name}${field.required ? '' : '?'}: ${typeOf(field.codec, registry)}`)).join(', ')}`,
        );
      }
    } else {
      lines.push(`One of ${members.map((member) => code(typeOf(member, registry))).join(', ')}.`);
    }
  } else {
    const fields = fieldsOf(codec);
    if (fields) lines.push(...fieldTable(fields, registry));
    else lines.push(`Shape ${code(typeOf(codec, registry))}.`);
  }
  lines.push('');
  return lines;
};

interface StreamKind {
  readonly title: string;
  readonly streamName: string;
  readonly about: string;
  readonly events: ReadonlyArray<t.Mixed>;
}

const STREAM_KINDS: ReadonlyArray<StreamKind> = [
  {
    title: 'School stream',
    streamName: schoolStreamName('{schoolId}'),
    about:
      "The school's own facts, stated by the administrator, the city or the school's records system and recorded as stated. " +
      'Folded, they are the `SchoolPolicy` the portfolio and submission deciders read. ' +
      "Each command carries the event's fields plus `schoolId`, and is named as the event in the imperative.",
    events: SchoolEvent.types,
  },
  {
    title: 'Portfolio stream',
    streamName: portfolioStreamName('{schoolId}', '{studentId}'),
    about:
      "One student's whole time at one school: course outcomes, performances, selections, receipt statements and answers, " +
      'self-directed learning plans and application picks.',
    events: PortfolioEvent.types,
  },
  {
    title: 'Submission stream',
    streamName: `${submissionStreamName('{schoolId}', '{category}', '{period}')}[-{cohorts}]`,
    about:
      "Every attempt (FID) to submit one receipt category's roster for one round of a period to the central database, and each attempt's result. " +
      '`category` is a `ReceiptCategory`; `period` is a `Term`, semester 0 for the yearly categories; a cohort round (R-ROUND-1) ' +
      'adds its cohorts joined by `.` (`…-1112-109`, `…-1112-110.111`), the round of every cohort has none (every stream written before rounds).',
    events: SubmissionEvent.types,
  },
];

const eventNameOf = (codec: t.Mixed): EventType => codec.name as EventType;

const dataOf = (wrapped: t.Mixed): t.Mixed => {
  const codec = unwrap(wrapped);
  const data = codec instanceof t.InterfaceType ? (codec.props as t.Props)['data'] : undefined;
  if (data === undefined) throw new Error(`event codec ${codec.name} is not { type, data }`);
  return data;
};

const allDataExact = (): boolean =>
  STREAM_KINDS.every((kind) => kind.events.every((event) => dataOf(event) instanceof t.ExactType));

const renderEvent = (codec: t.Mixed, registry: Registry): ReadonlyArray<string> => {
  const type = eventNameOf(codec);
  const doc = EVENT_DOCS[type];
  if (doc === undefined) throw new Error(`no EVENT_DOCS entry for ${type}`);
  const fields = fieldsOf(dataOf(codec));
  if (fields === undefined) throw new Error(`the data of ${type} is not an object codec`);
  return [
    `### ${type}`,
    '',
    doc.meaning,
    '',
    `Recorded by ${doc.commands.map(code).join(', ')}. Rules: ${ruleLinks(doc.rules)}.`,
    '',
    ...fieldTable(fields, registry),
    '',
  ];
};

const ENVELOPE: ReadonlyArray<readonly [string, string, string]> = [
  [
    'eventId',
    'string (UUID)',
    'Stored beside the event, not in its metadata: uuid v5 of `{streamName}/{commandId}/{index}`, so a retried command writes the same ids and the store drops the repeat.',
  ],
  [
    'occurredAt',
    'TaipeiInstant',
    'The `now` of the command that recorded the event (R-TIME-3); the domain reads no clock.',
  ],
  [
    'actor',
    'Actor',
    'Who sent the command. In events recorded before actors were bound to a school, a school member has no `schoolId`; the audit judges them as members of the school their command names.',
  ],
  ['commandId', 'string', 'The id of that command; handling is idempotent by it within a stream.'],
  ['correlationId', 'string', "The chain's id: as given with the command, else the commandId."],
  [
    'causationId',
    'string',
    "What caused the command: as given (the statement process gives the accepted event's id), else the commandId.",
  ],
  [
    'schemaVersion',
    'PositiveInt',
    'The version of the data shape when written; the serializer upcasts older versions on read.',
  ],
  [
    'command',
    '{ type: string; data: unknown }',
    'Optional: the command as accepted, recorded for the audit (docs/audit.md).',
  ],
  ['hash', 'Sha256Hex', "Optional: SHA-256 chaining the event to the stream's previous one (docs/audit.md)."],
  [
    'importedFrom',
    '{ schoolId; streamName; revision; position; eventId; metadata }',
    'Only on events imported with a transfer bundle (R-XFER-1): where the event was first recorded, with its original metadata.',
  ],
];

/**
 * The whole catalogue as markdown: the envelope, then per stream kind each event with its meaning, the
 * commands that record it, its rules and its fields, then every named type the fields use.
 */
/** Issue 16, item 6: the one record every kind of stream reads besides its own events (docs/audit.md). */
const renderQuarantineRecord = (registry: Registry): ReadonlyArray<string> => [
  '## In every stream',
  '',
  `### ${EventQuarantined.name}`,
  '',
  QUARANTINE_DOC.meaning,
  '',
  `Recorded by ${QUARANTINE_DOC.recordedBy}. Rules: none (a repair of the store, not a school fact); R-TIME-4 holds for it.`,
  '',
  ...fieldTable(fieldsOf(dataOf(EventQuarantined))!, registry),
  '',
];

export const renderEventCatalogue = (): string => {
  const registry: Registry = new Map();
  const actor = typeOf(Actor, registry);
  const instant = typeOf(TaipeiInstant, registry);
  const lines: string[] = [
    '# Event catalogue (事件目錄)',
    '',
    '<!-- Generated by renderEventCatalogue() in packages/domain/src/catalogue.ts from the io-ts codecs. Do not edit:',
    '     change the codecs or EVENT_DOCS, then run `UPDATE_DOCS=1 npx jest catalogue`. -->',
    '',
    'Every event is `{ type, data }`; `type` is its name in the store. The field tables below are read from the',
    'io-ts codecs the store decodes with, so they are the contract: a field marked *no* is absent, never `undefined`.',
    ...(allDataExact()
      ? [
          'Every data codec is exact (`t.strict` / `t.exact`): a field it does not define is dropped on decoding and never reaches an event.',
        ]
      : []),
    'Named types (`Id`, `Term`, …) are defined at the end. Rule ids link to [rules.md](rules.md).',
    '',
  ];
  for (const kind of STREAM_KINDS) {
    lines.push(
      `- [${kind.title}](#${anchor(`${kind.title} ${kind.streamName}`)}): ${kind.events.map((e) => `[${e.name}](#${anchor(e.name)})`).join(', ')}`,
    );
  }
  lines.push(`- [In every stream](#in-every-stream): [${EventQuarantined.name}](#${anchor(EventQuarantined.name)})`);
  lines.push(
    '',
    '## Envelope',
    '',
    'A stored event carries, besides `type` and `data`, its `streamName`, its `revision` (0-based index in the stream)',
    'and its global `position`, an id and this metadata (`EventMetadata` in `@licheng/eventstore`):',
    '',
    '| field | type | meaning |',
    '| --- | --- | --- |',
    ...ENVELOPE.map(
      ([field, type, meaning]) =>
        `| ${codeCell(field)} | ${codeCell(type === 'Actor' ? actor : type === 'TaipeiInstant' ? instant : type)} | ${cell(meaning)} |`,
    ),
    '',
  );
  for (const kind of STREAM_KINDS) {
    lines.push(`## ${kind.title} \`${kind.streamName}\``, '', kind.about, '');
    for (const event of kind.events) lines.push(...renderEvent(event, registry));
  }
  lines.push(...renderQuarantineRecord(registry));
  lines.push('## Types', '');
  const defined = new Set<string>();
  // Defining a type may meet new ones (a union's members, an array's element): repeat until none is left.
  for (;;) {
    const pending = [...registry.keys()].filter((name) => !defined.has(name)).sort();
    if (pending.length === 0) break;
    const name = pending[0]!;
    defined.add(name);
    lines.push(...defineType(name, registry.get(name)!, registry));
  }
  // Defined in the order met, then sorted by name so that the section reads as a glossary.
  const typesStart = lines.indexOf('## Types') + 2;
  const sections = splitSections(lines.slice(typesStart)).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return [...lines.slice(0, typesStart), ...sections.flat()].join('\n').replace(/\n+$/, '\n');
};

/** Splits the lines of the Types section at each `### ` heading. */
const splitSections = (lines: ReadonlyArray<string>): string[][] => {
  const sections: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('### ') || sections.length === 0) sections.push([]);
    sections[sections.length - 1]!.push(line);
  }
  return sections;
};
