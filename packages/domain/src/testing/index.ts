// `@licheng/domain/testing`: given/when/then for a decider and the builders of a fixture school, at the
// domain's own level so that the domain's tests need no package above it (@licheng/testing re-exports them).

export { specify, SpecificationFailed, type Then, type When } from './spec';
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
} from './builders';
export { LATER_ROUND, OTHER_GRADES, roundsFixture, SENIORS } from './rounds';
export { errorCodesBuiltIn } from './errorCodesBuiltIn';
