import * as t from 'io-ts';
import { MEBIBYTE } from '../shared/files';

/**
 * School parameters that change by school year (R-OUT-3, R-OUT-4, R-PERF-2, R-FILE-1, R-FILE-3), and the reminder
 * parameters of R-NOTE-1 (003 3.2.3–3.2.6): the hour of day teachers with outcomes waiting are told, and how many
 * days before the outcome selection, the performance selection and the certification deadline students are told.
 * Added names leave every `ParameterSet` written before as it was, so the event stays at schema version 1.
 */
export const ParameterName = t.keyof(
  {
    outcomeUploadQuota: null,
    outcomePerSubjectQuota: null,
    performanceYearCap: null,
    documentMaxBytes: null,
    mediaMaxBytes: null,
    storageMaxBytes: null,
    teacherReminderHour: null,
    outcomeSelectionReminderDays: null,
    performanceSelectionReminderDays: null,
    certificationReminderDays: null,
  },
  'ParameterName',
);
export type ParameterName = t.TypeOf<typeof ParameterName>;

/** A value in force from a school year on; `null` means "no limit" and is allowed only where noted. */
export interface ParameterValue {
  readonly effectiveFromSchoolYear: number;
  readonly value: number | null;
}

/**
 * Defaults from RULES.md, as versioned tables (each entry in force from its school year until the next).
 * R-FILE-1: before 109-1 files were limited to 2 MB and 5 MB, from 109 on to 4 MB and 10 MB.
 */
export const PARAMETER_DEFAULTS: Readonly<Record<ParameterName, ReadonlyArray<ParameterValue>>> = {
  outcomeUploadQuota: [{ effectiveFromSchoolYear: 0, value: 10 }],
  outcomePerSubjectQuota: [{ effectiveFromSchoolYear: 0, value: 3 }],
  performanceYearCap: [{ effectiveFromSchoolYear: 0, value: null }],
  documentMaxBytes: [
    { effectiveFromSchoolYear: 0, value: 2 * MEBIBYTE },
    { effectiveFromSchoolYear: 109, value: 4 * MEBIBYTE },
  ],
  mediaMaxBytes: [
    { effectiveFromSchoolYear: 0, value: 5 * MEBIBYTE },
    { effectiveFromSchoolYear: 109, value: 10 * MEBIBYTE },
  ],
  storageMaxBytes: [{ effectiveFromSchoolYear: 0, value: 200 * MEBIBYTE }],
  // R-NOTE-1: seed 003's screen shows 13 for the hour and 預設3天 for each of the three reminders.
  teacherReminderHour: [{ effectiveFromSchoolYear: 0, value: 13 }],
  outcomeSelectionReminderDays: [{ effectiveFromSchoolYear: 0, value: 3 }],
  performanceSelectionReminderDays: [{ effectiveFromSchoolYear: 0, value: 3 }],
  certificationReminderDays: [{ effectiveFromSchoolYear: 0, value: 3 }],
};

/**
 * R-OUT-3: the MOE floor under the upload quota; R-NOTE-1: an hour of day from 0. Other parameters must be at least 1.
 */
export const PARAMETER_MINIMUM: Readonly<Record<ParameterName, number>> = {
  outcomeUploadQuota: 6,
  outcomePerSubjectQuota: 1,
  performanceYearCap: 1,
  documentMaxBytes: 1,
  mediaMaxBytes: 1,
  storageMaxBytes: 1,
  teacherReminderHour: 0,
  outcomeSelectionReminderDays: 1,
  performanceSelectionReminderDays: 1,
  certificationReminderDays: 1,
};

/** R-NOTE-1: an hour of day is 0–23. The other parameters have no ceiling of their own (files: R-FILE-1). */
export const PARAMETER_MAXIMUM: Readonly<Partial<Record<ParameterName, number>>> = { teacherReminderHour: 23 };

/**
 * `null` is "no limit" for the performance cap, "send no mail" for the teachers' reminder hour (blank on 003's screen).
 */
export const PARAMETER_NULLABLE: ReadonlySet<ParameterName> = new Set<ParameterName>([
  'performanceYearCap',
  'teacherReminderHour',
]);

/** The entry in force for a school year: the latest `effectiveFromSchoolYear` not after it; later sets win ties. */
export const valueInForce = (
  entries: ReadonlyArray<ParameterValue>,
  schoolYear: number,
): ParameterValue | undefined => {
  let found: ParameterValue | undefined;
  for (const entry of entries) {
    if (
      entry.effectiveFromSchoolYear <= schoolYear &&
      (!found || entry.effectiveFromSchoolYear >= found.effectiveFromSchoolYear)
    ) {
      found = entry;
    }
  }
  return found;
};

/** R-SEL-1: national selection caps, versioned by school year. */
export const SELECTION_CAPS: ReadonlyArray<{
  readonly effectiveFromSchoolYear: number;
  readonly outcomes: number;
  readonly performances: number;
}> = [{ effectiveFromSchoolYear: 0, outcomes: 6, performances: 10 }];

export const selectionCapsFor = (schoolYear: number) => {
  let found = SELECTION_CAPS[0]!;
  for (const caps of SELECTION_CAPS) if (caps.effectiveFromSchoolYear <= schoolYear) found = caps;
  return found;
};
