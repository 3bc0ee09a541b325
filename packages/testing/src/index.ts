// The public surface of @licheng/testing: given/when/then for the deciders, seeded school fixtures and data
// builders, the event store contract every adapter runs, and the seeded generator of whole school years.

// Given / when / then for a decider.
export { specify, SpecificationFailed, type Then, type When } from '@licheng/domain/testing';

// Actors, files, commands and events of a fixture school.
export {
  admin,
  at,
  certifiedOutcomeEvents,
  contextAt,
  FIXTURE_TEACHERS,
  fileMeta,
  inSchool,
  mp4,
  parent,
  pdf,
  portfolioCommand,
  portfolioEvent,
  schoolCommand,
  schoolEvent,
  schoolFixture,
  student,
  submitter,
  system,
  teacher,
  YEAR_111,
  type SchoolFixtureOptions,
} from '@licheng/domain/testing';
export { LATER_ROUND, OTHER_GRADES, roundsFixture, SENIORS } from '@licheng/domain/testing';
export { seedEvents } from '@licheng/eventstore/testing';

// The contract every EventStore adapter passes.
export { describeEventStoreContract, type ContractStore } from '@licheng/eventstore/testing';

// Seeded school years and city logs, for the benchmark and the property tests.
export {
  appendToStore,
  calendarOf,
  GENERATED_ADMIN,
  GENERATED_PLAN_REVIEWER,
  GENERATED_SCHOOL_ID,
  GENERATED_SUBJECTS,
  generateSchool,
  generateStudentStream,
  NdjsonEventWriter,
  seededRandom,
  seedOf,
  StreamRecorder,
  studentStreams,
  writeCityLog,
  type CityLog,
  type CityLogOptions,
  type GeneratedClass,
  type GeneratedCourse,
  type GeneratedSchool,
  type GeneratedStream,
  type GeneratedStudent,
  type GeneratedStudentStream,
  type Random,
  type RecorderOptions,
  type SchoolOptions,
  type StudentStreamOptions,
  type YearCalendar,
} from './generator';
