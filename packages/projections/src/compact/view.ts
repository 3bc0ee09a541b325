import type { Draft } from 'immer';
import { receiptKey, schoolYearOfTerm, type PortfolioEvent, type Term } from '@licheng/domain';
import { emptyRecord } from '@licheng/domain/internal';
import type { Projection } from '../projection';
import type { ReportOutcome, ReportPerformance, ReportPortfolio, ReportReceipt, ReportsSource } from '../reportsView';
import { applyToSchools, type SchoolsView } from '../streams';

/** The compact portfolio holds exactly what the reports read; the compiler checks it against `ReportPortfolio`. */
export type CompactOutcome = ReportOutcome;
export type CompactPerformance = ReportPerformance;

/** What the reports read of a receipt (R-REP-1): whether any item was received, and the answers. */
export interface CompactReceipt extends ReportReceipt {
  /**
   * Empty, or one placeholder when the current statement lists any item: reports ask only `items.length > 0` (R-REC-1).
   */
  readonly items: ReadonlyArray<true>;
}

export interface CompactPortfolio extends ReportPortfolio {
  readonly outcomes: Readonly<Record<string, CompactOutcome>>;
  readonly performances: Readonly<Record<string, CompactPerformance>>;
  readonly receipts: Readonly<Record<string, CompactReceipt>>;
}

/**
 * The reports view with each portfolio cut down to what the reports read: for a city of 100,000 students
 * the full `PortfolioState` (descriptions, file metadata, plans, statement items) does not fit in memory,
 * this does. The policy is the school's state as the domain folds it, the submission log the same fold as the
 * full view's. The report functions take it as it is, typed against `ReportsSource`, and give exactly the
 * reports the full view gives (tested on generated logs).
 */
export type CompactReportsView = SchoolsView<CompactPortfolio>;

/** The compact view as the report functions take it: no cast, the compiler checks each field a report reads. */
export const asReportsView = (view: CompactReportsView): ReportsSource => view;

const NONE: ReadonlyArray<true> = Object.freeze([]);
const SOME: ReadonlyArray<true> = Object.freeze([true as const]);
const ANSWER_OF = {
  ReceiptConfirmed: 'confirmed',
  ReceiptErrorReported: 'reported',
  ReceiptDeemedCorrect: 'deemedCorrect',
} as const;

/**
 * Strings that repeat across students (course ids, terms, subjects, teachers) are kept once: a parsed
 * JSON string is a new string each time. Bounded, so that a long-lived view cannot grow it without end.
 */
const interned = new Map<string, string>();
const intern = (s: string): string => {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < 200_000) interned.set(s, s);
  return s;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Portfolio = Mutable<CompactPortfolio>;

/** The compact counterpart of the domain's `evolvePortfolio`, field for field on what it keeps. */
export const evolveCompactPortfolio = (portfolio: Draft<CompactPortfolio>, event: PortfolioEvent): void => {
  const p = portfolio as Portfolio;
  switch (event.type) {
    case 'CourseOutcomeUploaded': {
      const { outcomeId, courseId, term, subject } = event.data;
      p.outcomes[outcomeId] = {
        outcomeId,
        courseId: intern(courseId),
        term: intern(term),
        schoolYear: schoolYearOfTerm(term as Term),
        subject: intern(subject),
        status: 'draft',
        selected: false,
      };
      return;
    }
    case 'CourseOutcomeEdited': {
      const outcome = p.outcomes[event.data.outcomeId];
      // R-OUT-10: a failed outcome that is edited goes back to draft.
      if (outcome && outcome.status === 'failed') outcome.status = 'draft';
      return;
    }
    case 'CourseOutcomeDeleted':
      delete p.outcomes[event.data.outcomeId];
      return;
    case 'CourseOutcomeSentForCertification': {
      const outcome = p.outcomes[event.data.outcomeId];
      if (outcome) outcome.status = 'pending';
      return;
    }
    case 'CourseOutcomeCertified': {
      const outcome = p.outcomes[event.data.outcomeId];
      if (!outcome) return;
      outcome.status = event.data.result === 'passed' ? 'passed' : 'failed';
      outcome.certifiedBy = intern(event.data.teacherId);
      return;
    }
    case 'PerformanceRecorded':
    case 'CadreRecordSynced':
      p.performances[event.data.performanceId] = {
        schoolYear: event.data.schoolYear,
        semester: event.data.semester,
        selected: false,
      };
      return;
    case 'PerformanceDeleted':
      delete p.performances[event.data.performanceId];
      return;
    case 'CourseOutcomeSelected':
    case 'CourseOutcomeDeselected': {
      const outcome = p.outcomes[event.data.outcomeId];
      if (outcome) outcome.selected = event.type === 'CourseOutcomeSelected';
      return;
    }
    case 'PerformanceSelected':
    case 'PerformanceDeselected': {
      const performance = p.performances[event.data.performanceId];
      if (performance) performance.selected = event.type === 'PerformanceSelected';
      return;
    }
    case 'ReceiptStatementIssued': {
      const key = intern(receiptKey(event.data.category, event.data.period));
      const items = event.data.items.length > 0 ? SOME : NONE;
      const receipt = p.receipts[key];
      // A corrected resubmission replaces what was received; answers already given stay (R-REC-2).
      if (receipt) receipt.items = items as true[];
      else p.receipts[key] = { items: items as true[], answer: null, recheckAnswer: null };
      return;
    }
    case 'ReceiptConfirmed':
    case 'ReceiptErrorReported':
    case 'ReceiptDeemedCorrect': {
      const receipt = p.receipts[receiptKey(event.data.category, event.data.period)];
      if (!receipt) return;
      if (event.data.stage === 'first') receipt.answer = ANSWER_OF[event.type];
      else receipt.recheckAnswer = ANSWER_OF[event.type];
      return;
    }
    // Edits, proofs, reviews, plans and application picks change nothing a report reads.
    default:
      return;
  }
};

/**
 * The compact portfolio of any portfolio the reports read, such as the domain's full state: what
 * `evolveCompactPortfolio` gives over the same events (tested on generated logs), and a compact portfolio unchanged.
 * A stored state of either shape can so be taken as compact.
 */
export const compactPortfolioOf = (portfolio: ReportPortfolio): CompactPortfolio => {
  const outcomes: Record<string, CompactOutcome> = emptyRecord();
  for (const [id, o] of Object.entries(portfolio.outcomes)) {
    const { outcomeId, courseId, term, schoolYear, subject, status, certifiedBy, selected } = o;
    outcomes[id] = { outcomeId, courseId, term, schoolYear, subject, status, selected };
    if (certifiedBy !== undefined) (outcomes[id] as Mutable<CompactOutcome>).certifiedBy = certifiedBy;
  }
  const performances: Record<string, CompactPerformance> = emptyRecord();
  for (const [id, { schoolYear, semester, selected }] of Object.entries(portfolio.performances))
    performances[id] = { schoolYear, semester, selected };
  const receipts: Record<string, CompactReceipt> = emptyRecord();
  for (const [k, { items, answer, recheckAnswer }] of Object.entries(portfolio.receipts))
    receipts[k] = { items: items.length > 0 ? SOME : NONE, answer, recheckAnswer };
  return { outcomes, performances, receipts };
};

/** `reportsProjection`'s routing, with the compact portfolio in place of the domain's full state. */
export const compactReportsProjection: Projection<CompactReportsView> = {
  name: 'reports-compact',
  initialView: { schools: {} },
  apply: applyToSchools<CompactPortfolio>(
    () => ({ outcomes: emptyRecord(), performances: emptyRecord(), receipts: emptyRecord() }),
    evolveCompactPortfolio,
  ),
};
