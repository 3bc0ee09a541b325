// The public surface of @licheng/domain: what a service embedding the domain uses. Names other @licheng packages
// share but adopters should not build on live in './internal' (`@licheng/domain/internal`); everything else in
// the sources (per-event codecs, error catalogues, brands, check helpers) stays private to the package.

// Commands: the envelope, its decoder and each aggregate's command data codecs and types.
export {
  type AggregateKind,
  COMMAND_DATA_CODECS,
  COMMAND_TYPES,
  CommandEnvelope,
  type CommandMeta,
  createCommandDecoder,
  decodeCommand,
  type RoutedCommand,
} from './commands';
export {
  PORTFOLIO_COMMAND_DATA,
  type PortfolioCommand,
  type PortfolioCommandOf,
  type PortfolioCommandType,
} from './portfolio/commands';
export { SCHOOL_COMMAND_DATA, type SchoolCommand, type SchoolCommandType } from './school/commands';
export {
  parseSubmissionStreamName,
  SUBMISSION_COMMAND_DATA,
  type SubmissionCommand,
  type SubmissionCommandType,
  submissionStreamName,
} from './submission/commands';

// Events: the codecs that decode stored events of each stream, their types and the payload parts a reader names.
export { PORTFOLIO_EVENT_CODECS, PortfolioEvent, type PortfolioEventType } from './portfolio/events';
export {
  CoTeacherReview,
  FunctionRights,
  OpenCourseData,
  PlanApprovalStage,
  SCHOOL_EVENT_CODECS,
  SchoolEvent,
  type SchoolEventType,
  SealIntegrity,
  SealSignature,
  Sha256Digest,
} from './school/events';
export {
  RosterEntry,
  StatementItem,
  SUBMISSION_EVENT_CODECS,
  SubmissionEvent,
  SubmittedItem,
} from './submission/events';
export { eventCodec, type Tagged } from './shared/codecs';
export {
  CadreLevel,
  CompetitionLevel,
  FlexibleLearningKind,
  FlexibleLearningWeeks,
  PERFORMANCE_CATEGORY_NAMES,
  type PerformanceCategory,
  PerformanceDetails,
} from './portfolio/performances/details';
export { PerformanceContent } from './portfolio/performances/events';
export { PlanContent } from './portfolio/plans/events';
export { ReceiptProblem, ReceiptProblems, ReceiptStage } from './portfolio/receipts/events';
export {
  CadreRecordDetails,
  CourseRecordDetails,
  ItemDetails,
  SelectedItemDetails,
  SubmittedFile,
} from './submission/items';

// Deciders: decide and evolve per stream, the fold, and the context each decision reads.
export { type Decider, type Evolve, foldEvents, foldFromInitial } from './shared/decider';
export { portfolioDecider } from './portfolio/decider';
export { decidePortfolio } from './portfolio/decide';
export { evolvePortfolio } from './portfolio/evolve';
export { type PortfolioContext } from './portfolio/context';
export { schoolDecider } from './school/decider';
export { decideSchool, type SchoolContext } from './school/decide';
export { evolveSchool } from './school/evolve';
export { submissionDecider } from './submission/decider';
export { decideSubmission, type SubmissionContext, SUBMIT_FUNCTION_CODES } from './submission/decide';
export { evolveSubmission } from './submission/evolve';

// State: what a fold yields, for read models and reports.
export {
  type ApplicationPicks,
  initialPortfolioState,
  isApplicable,
  type OutcomeState,
  type OutcomeStatus,
  type PerformanceState,
  type PlanState,
  type PortfolioState,
  type ReceiptAnswer,
  receiptKey,
  receiptPhase,
  type ReceiptPhase,
  receiptSeal,
  type ReceiptSeal,
  type ReceiptState,
} from './portfolio/state';
export {
  type ClassInfo,
  type CourseInfo,
  initialSchoolState,
  type RoleGroup,
  type SchoolPolicy,
  type SchoolState,
  type StudentInfo,
  type TeacherInfo,
} from './school/state';
export {
  type AttemptStatus,
  initialSubmissionState,
  type SubmissionAttempt,
  type SubmissionState,
} from './submission/state';

// Errors: every refusal is a DomainError with a stable code, its rule id and a bilingual message.
export { type BilingualMessage, type DomainError, formatError, isDomainError } from './shared/errors';
export type {
  DomainErrorCode,
  DomainRefusal,
  PortfolioErrorCode,
  SchoolErrorCode,
  SharedErrorCode,
  SubmissionErrorCode,
} from './errorCodes';
export { type TeacherDuty } from './school/errors';
export { type Decode, type DecodeStrategy, describeValidationErrors, ioTsDecoding } from './shared/decode';
export { RULE_IDS, type RuleId } from './shared/rules';
export { EVENT_DOCS, EVENT_RULES, type EventDoc, type EventType } from './catalogue';

// Policies: questions about a school's settings, people, rounds and work periods that reports and workflows ask.
export {
  certifiersOf,
  homeroomTeacherOf,
  isLinkedParent,
  isTeacherOf,
  linkedStudentsOf,
  mayCertify,
  operatingPeriodOf,
  parameterFor,
  periodOf,
  sealedCategoryOfItem,
  teacherNameOf,
  workPeriodOf,
} from './school/policy';
export {
  PARAMETER_DEFAULTS,
  PARAMETER_MAXIMUM,
  PARAMETER_MINIMUM,
  PARAMETER_NULLABLE,
  ParameterName,
  type ParameterValue,
  SELECTION_CAPS,
  selectionCapsFor,
  valueInForce,
} from './school/parameters';
export { type FunctionRight, mayUseFunction, RIGHT_NAMES } from './school/rights';
export {
  Cohorts,
  isRoundItem,
  isRoundSealed,
  isSealedFor,
  type RoundCohorts,
  roundCoveringCohort,
  roundKey,
  roundLabel,
  roundOfStudent,
  roundsOf,
} from './school/rounds';
export {
  confirmationItemOf,
  isBoundedByOperatingPeriod,
  isYearlyCategory,
  isYearlyItem,
  OperatingItem,
  operatingItemOf,
  ReceiptCategory,
  recheckItemOf,
  submissionItemOf,
  WorkItem,
} from './school/workItems';

// Streams: one home for stream names, their parsing and what a seal covers.
export {
  isCoveredBySeal,
  portfolioOwnerOf,
  portfolioStreamName,
  schoolIdOfSchoolStream,
  schoolPortfoliosPrefix,
  schoolStreamName,
  sealCoverage,
  STREAM_PREFIXES,
  type StreamKind,
  streamKindOf,
} from './streams';

// Values: actors, identifiers, files, terms and Taipei time.
export {
  Actor,
  isPlatformActor,
  PlatformActor,
  PlatformRole,
  RecordedActor,
  Role,
  SchoolMember,
  SchoolRole,
} from './shared/actor';
export { Id, NonEmptyText, NonNegativeInt, PositiveInt, SchoolId, Sha256Hex } from './shared/primitives';
// The brands appear in the declared types of codecs other packages infer from, so declaration files must name them.
export {
  type IdBrand,
  type NonEmptyTextBrand,
  type NonNegativeIntBrand,
  type PositiveIntBrand,
  type SchoolIdBrand,
} from './shared/primitives';
export { bytesOf, DESCRIPTION_MAX_CODE_POINTS, type FileKind, FileMeta, MEBIBYTE } from './shared/files';
export {
  CalendarDate,
  earliestPerformanceDate,
  inclusiveDays,
  ROC_OFFSET,
  SchoolYear,
  schoolYearAt,
  schoolYearOfTerm,
  Semester,
  semesterOfTerm,
  Term,
  termOf,
  yearTermOf,
} from './shared/term';
export { type CalendarDateBrand, type SchoolYearBrand, type TermBrand } from './shared/term';
export {
  dateOf,
  epochMillisOf,
  isWithin,
  liesWithin,
  taipeiInstant,
  TaipeiInstant,
  taipeiInstantOf,
  Window,
} from './shared/time';
export { type TaipeiInstantBrand } from './shared/time';

// Repair of an unreadable stream (issue 16, item 6): the quarantine record, read in every kind of stream.
export {
  type QuarantineContext,
  quarantineDecider,
  type QuarantineState,
  type StoredRecordSummary,
} from './quarantine/decider';
export {
  EventQuarantined,
  EventQuarantinedData,
  QUARANTINE_EVENT_TYPE,
  QUARANTINE_SCHEMA_VERSION,
  QuarantineEvent,
} from './quarantine/events';
export { QUARANTINE_DOC } from './quarantine/events.docs';
