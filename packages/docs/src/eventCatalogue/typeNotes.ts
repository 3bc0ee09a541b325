/** What a named type means beyond its shape (a brand's predicate cannot be read back from the codec). */
export const TYPE_NOTES: Readonly<Record<string, string>> = {
  Actor:
    'Who sent the command: a member of one school, bound to it by the embedding service (R-AUTH-1, ' +
    'R-AUTH-3), or the system or the city, which act for every school.',
  CadreLevel: 'Cadre level (R-PERF-6).',
  CalendarDate: 'A Gregorian date `YYYY-MM-DD` that exists.',
  CompetitionLevel: 'Competition level (R-PERF-7).',
  FileMeta:
    'What the library records of a file, never its bytes (R-FILE-4). Type and size limits are checked by the ' +
    'deciders (R-FILE-1).',
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
    "What a statement shows of one item (R-REC-7): a course record's, a cadre record's, or a selected item's " +
    "files, told apart by `kind`.",
  StatementItem: 'An item of a receipt statement: `details` null on a statement issued before R-REC-7.',
  ParameterName:
    'A school parameter, versioned by school year (R-OUT-3, R-OUT-4, R-PERF-2, R-FILE-1, R-FILE-3, R-NOTE-1).',
  PerformanceDetails: 'The fields of each of the ten categories (R-PERF-1, R-PERF-5..7), told apart by `category`.',
  PlanApprovalStage:
    "A stage of plan approval: a role group's members, the plan's advisor, or the homeroom teacher (R-PLAN-1).",
  PositiveInt: 'A safe integer, 1 or more.',
  ReceiptCategory:
    'The four receipt-confirmation categories (R-REC-1): 修課紀錄, 幹部經歷 (per semester), 學習成果, ' +
    '多元表現 (per school year).',
  ReceiptProblem:
    'One reported problem: 資料有多 (extra), 資料有少 (missing) or 資料有誤 (wrong), with a reason (R-REC-2).',
  ReceiptStage:
    'The first answer, in the confirmation window, or the second, in the re-check window (R-REC-2, R-REC-4).',
  PlatformRole:
    "A role above every school: `system` is the platform itself and the school's records system (R-AUTH-4, " +
    "R-SUB-1), `city` the Department of Education (R-WIN-1).",
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
    'What a work period (作業時間) governs (R-WIN-2); selection, performance upload and the yearly categories ' +
    'are set for semester 0.',
};
