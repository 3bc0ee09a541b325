import * as t from 'io-ts';

/** The four receipt-confirmation categories (R-REC-1). */
export const ReceiptCategory = t.keyof(
  { courseRecords: null, cadreRecords: null, courseOutcomes: null, performances: null },
  'ReceiptCategory',
);
export type ReceiptCategory = t.TypeOf<typeof ReceiptCategory>;

/** R-REC-1: course and cadre records are per semester; outcomes and performances per school year. */
export const isYearlyCategory = (category: ReceiptCategory): boolean =>
  category === 'courseOutcomes' || category === 'performances';

/**
 * What a work period (作業時間) governs (R-WIN-2). Student outcome upload and teacher certification are
 * per semester; selection and performance upload are per school year (semester 0). Submission,
 * confirmation and re-check periods exist per receipt category, with that category's semester rule.
 */
export const WorkItem = t.keyof(
  {
    outcomeUpload: null,
    outcomeCertification: null,
    outcomeSelection: null,
    performanceUpload: null,
    performanceSelection: null,
    courseRecordsSubmission: null,
    cadreRecordsSubmission: null,
    courseOutcomesSubmission: null,
    performancesSubmission: null,
    courseRecordsConfirmation: null,
    cadreRecordsConfirmation: null,
    courseOutcomesConfirmation: null,
    performancesConfirmation: null,
    courseRecordsRecheck: null,
    cadreRecordsRecheck: null,
    courseOutcomesRecheck: null,
    performancesRecheck: null,
  },
  'WorkItem',
);
export type WorkItem = t.TypeOf<typeof WorkItem>;

/** The city's two operating periods (R-WIN-1). */
export const OperatingItem = t.keyof({ outcomes: null, performances: null }, 'OperatingItem');
export type OperatingItem = t.TypeOf<typeof OperatingItem>;

const YEARLY_ITEMS: ReadonlySet<WorkItem> = new Set<WorkItem>([
  'outcomeSelection',
  'performanceUpload',
  'performanceSelection',
  'courseOutcomesSubmission',
  'performancesSubmission',
  'courseOutcomesConfirmation',
  'performancesConfirmation',
  'courseOutcomesRecheck',
  'performancesRecheck',
]);

/** R-WIN-2 / R-TIME-1: yearly items are keyed by semester 0, the others by semester 1 or 2. */
export const isYearlyItem = (item: WorkItem): boolean => YEARLY_ITEMS.has(item);

/**
 * R-WIN-1 / R-WIN-2: the four work items the city's operating period bounds — seed 003 3.7 lists exactly
 * these under 學習成果/多元表現作業時間 (上傳及送出認證, 老師認證, 勾選學習成果, 勾選多元表現). Submission,
 * confirmation, re-check and the yearly performance upload are not bounded by it: seed 001's real round
 * confirms term 1092 data in November 2021, after school year 109's operating period has ended.
 */
const OPERATING_ITEMS: ReadonlySet<WorkItem> = new Set<WorkItem>([
  'outcomeUpload',
  'outcomeCertification',
  'outcomeSelection',
  'performanceSelection',
]);

export const isBoundedByOperatingPeriod = (item: WorkItem): boolean => OPERATING_ITEMS.has(item);

/** Which of the city's operating periods a work period must lie in (R-WIN-2). */
export const operatingItemOf = (item: WorkItem): OperatingItem =>
  item.startsWith('performance') || item.startsWith('cadre') ? 'performances' : 'outcomes';

export const submissionItemOf = (category: ReceiptCategory): WorkItem => `${category}Submission`;
export const confirmationItemOf = (category: ReceiptCategory): WorkItem => `${category}Confirmation`;
export const recheckItemOf = (category: ReceiptCategory): WorkItem => `${category}Recheck`;
