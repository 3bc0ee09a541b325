import type { DomainError } from './shared/errors';
import type { checkDescription, checkFileSize, checkFileType } from './shared/files';
import type { actorOutsideSchool } from './shared/schoolBinding';
import type { backdated } from './shared/timeOrder';
import type { schoolErrors } from './school/errors';
import type {
  accessErrors,
  applicationErrors,
  itemErrors,
  outcomeErrors,
  performanceErrors,
  planErrors,
  receiptErrors,
  selectionErrors,
} from './portfolio/errors';
import type { submissionErrors } from './submission/errors';
import type { QuarantineErrorCode } from './quarantine/errors';

/** The codes a catalogue of error factories can build, read from the factories' own return types. */
type CodesOf<Factories> = {
  [K in keyof Factories]: Factories[K] extends (...args: never[]) => DomainError<infer Code> ? Code : never;
}[keyof Factories];

type CodeOf<Check extends (...args: never[]) => DomainError | null> = NonNullable<ReturnType<Check>>['code'];

/** Refusals shared by every aggregate: malformed input, files, the clock, an actor of another school. */
export type SharedErrorCode =
  | 'INVALID_INPUT'
  | CodeOf<typeof checkFileType>
  | CodeOf<typeof checkFileSize>
  | CodeOf<typeof checkDescription>
  | CodeOf<typeof backdated>
  | CodeOf<typeof actorOutsideSchool>;

export type SchoolErrorCode = CodesOf<typeof schoolErrors>;

export type PortfolioErrorCode =
  | CodesOf<typeof accessErrors>
  | CodesOf<typeof itemErrors>
  | CodesOf<typeof outcomeErrors>
  | CodesOf<typeof performanceErrors>
  | CodesOf<typeof selectionErrors>
  | CodesOf<typeof receiptErrors>
  | CodesOf<typeof planErrors>
  | CodesOf<typeof applicationErrors>;

export type SubmissionErrorCode = CodesOf<typeof submissionErrors>;

/**
 * Every code the domain layer refuses with. The deciders' `decide` return `DomainError<DomainErrorCode>`, so a
 * factory with a new code outside these catalogues does not compile there, and a `switch (error.code)` over a
 * refusal can end in a `never` check (errorCodes.test.ts proves it does).
 */
export type DomainErrorCode =
  SharedErrorCode | SchoolErrorCode | PortfolioErrorCode | SubmissionErrorCode | QuarantineErrorCode;

/** A refusal of the domain layer. */
export type DomainRefusal = DomainError<DomainErrorCode>;
