export { calendarOf, type YearCalendar } from './calendar';
export { seededRandom, seedOf, type Random } from './random';
export { StreamRecorder, type GeneratedStream, type RecorderOptions } from './recorder';
export {
  ADMIN as GENERATED_ADMIN,
  GENERATED_SCHOOL_ID,
  GENERATED_SUBJECTS,
  generateSchool,
  PLAN_REVIEWER as GENERATED_PLAN_REVIEWER,
  type GeneratedClass,
  type GeneratedCourse,
  type GeneratedSchool,
  type GeneratedStudent,
  type SchoolOptions,
} from './school';
export { generateStudentStream, type GeneratedStudentStream, type StudentStreamOptions } from './student';
export {
  appendToStore,
  NdjsonEventWriter,
  studentStreams,
  writeCityLog,
  type CityLog,
  type CityLogOptions,
} from './write';
