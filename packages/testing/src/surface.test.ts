import * as publicEntry from './index';

/** Every runtime name of the public entry: a name added or dropped is a change of the published surface. */
const PUBLIC_NAMES = [
  'FIXTURE_TEACHERS',
  'GENERATED_ADMIN',
  'GENERATED_PLAN_REVIEWER',
  'GENERATED_SCHOOL_ID',
  'GENERATED_SUBJECTS',
  'LATER_ROUND',
  'NdjsonEventWriter',
  'OTHER_GRADES',
  'SENIORS',
  'SpecificationFailed',
  'StreamRecorder',
  'YEAR_111',
  'admin',
  'appendToStore',
  'at',
  'calendarOf',
  'certifiedOutcomeEvents',
  'contextAt',
  'describeEventStoreContract',
  'fileMeta',
  'generateSchool',
  'generateStudentStream',
  'inSchool',
  'mp4',
  'parent',
  'pdf',
  'portfolioCommand',
  'portfolioEvent',
  'roundsFixture',
  'schoolCommand',
  'schoolEvent',
  'schoolFixture',
  'seedEvents',
  'seedOf',
  'seededRandom',
  'specify',
  'student',
  'studentStreams',
  'submitter',
  'system',
  'teacher',
  'writeCityLog',
];

// #21 item 7: an explicit export list, pinned here, so the surface changes only on purpose.
describe('the public surface of @licheng/testing', () => {
  it('exports given/when/then, fixture builders, the store contract and the seeded generator, and nothing else', () => {
    expect(Object.keys(publicEntry).sort()).toEqual(PUBLIC_NAMES);
  });
});
