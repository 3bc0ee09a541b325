import {
  evolvePortfolio,
  portfolioOwnerOf,
  receiptKey,
  STREAM_PREFIXES,
  type PortfolioEvent,
  type ReceiptCategory,
  type ReceiptState,
} from '@licheng/domain';
import { portfolioAggregate, quarantineOf, type EventStore, type RecordedEvent } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';

/** A receipt as the deadline runner sees it: whose it is, and where it stands (R-REC-5). */
export interface DueReceipt {
  readonly studentId: string;
  readonly receipt: ReceiptState;
}

/** A category's period of a school that holds at least one receipt. */
export interface DuePeriod {
  readonly category: ReceiptCategory;
  readonly period: string;
}

/**
 * The due-items index (issue 17): each school's periods that hold receipts, and the receipts of each period,
 * kept by a projection of the receipt events, so that `runDeadlines` reads the periods whose windows have
 * ended and nothing else, instead of every portfolio event of the school. In memory here
 * (`InMemoryDueItems`), in PostgreSQL in `@licheng/eventstore-postgres` (`PostgresDueItems`).
 */
export interface DueItems {
  /**
   * Folds what the log gained since the last call; a run calls it first, so it never reads an older log than a scan
   * would.
   */
  catchUp(): Promise<void>;
  periodsOf(schoolId: string): Promise<ReadonlyArray<DuePeriod>>;
  receiptsOf(schoolId: string, category: ReceiptCategory, period: string): Promise<ReadonlyArray<DueReceipt>>;
}

/** The events that create or move a receipt: the only ones the index folds. */
export const RECEIPT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ReceiptStatementIssued',
  'ReceiptConfirmed',
  'ReceiptErrorReported',
  'ReceiptReviewRecorded',
  'ReceiptDeemedCorrect',
]);

/** A receipt event, decoded (and upcast) as the portfolio decodes it, with the school and student it belongs to. */
export interface ReceiptChange {
  readonly schoolId: string;
  readonly studentId: string;
  readonly category: ReceiptCategory;
  readonly period: string;
  readonly event: PortfolioEvent;
}

/** The receipt change an event is, or undefined for any other event; throws on an event the portfolio cannot decode. */
export const receiptChangeOf = (recorded: RecordedEvent): ReceiptChange | undefined => {
  if (!RECEIPT_EVENT_TYPES.has(recorded.type)) return undefined;
  const owner = portfolioOwnerOf(recorded.streamName);
  if (!owner) return undefined;
  const decoded = portfolioAggregate.serializer.decode(recorded);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
  const event = decoded.right.event;
  const { category, period } = event.data as { category: ReceiptCategory; period: string };
  return { ...owner, category, period, event };
};

/**
 * The receipt after the change, by the portfolio's own evolve (so the index can never disagree with the
 * portfolio about a receipt): folded over a portfolio that holds only this receipt.
 */
export const applyReceiptChange = (
  receipt: ReceiptState | undefined,
  change: ReceiptChange,
): ReceiptState | undefined => {
  const key = receiptKey(change.category, change.period);
  const scratch = {
    studentId: change.studentId,
    receipts: receipt ? { [key]: { ...receipt, issuedFids: [...receipt.issuedFids] } } : {},
    performances: {},
  };
  evolvePortfolio(scratch as unknown as Parameters<typeof evolvePortfolio>[0], change.event);
  return (scratch.receipts as Record<string, ReceiptState>)[key];
};

const PAGE = 5_000;

/** The due-items index in memory, folding the store's log from where it last stopped. */
export class InMemoryDueItems implements DueItems {
  private position = -1;
  /** school → `${category}:${period}` → student → receipt. */
  private readonly schools = new Map<string, Map<string, Map<string, ReceiptState>>>();
  private pending: Promise<void> | undefined;

  constructor(readonly store: EventStore) {}

  /** One catch-up at a time: overlapping runs share the one under way. */
  catchUp(): Promise<void> {
    this.pending ??= this.fold().finally(() => (this.pending = undefined));
    return this.pending;
  }

  async periodsOf(schoolId: string): Promise<ReadonlyArray<DuePeriod>> {
    return [...(this.schools.get(schoolId)?.values() ?? [])].flatMap((students) => {
      const first = students.values().next().value as ReceiptState | undefined;
      return first ? [{ category: first.category, period: first.period }] : [];
    });
  }

  async receiptsOf(schoolId: string, category: ReceiptCategory, period: string): Promise<ReadonlyArray<DueReceipt>> {
    const students = this.schools.get(schoolId)?.get(receiptKey(category, period));
    return [...(students ?? [])].map(([studentId, receipt]) => ({ studentId, receipt }));
  }

  private async fold(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        after: this.position,
        maxCount: PAGE,
        streamPrefixes: [STREAM_PREFIXES.portfolio],
      });
      if (page.length === 0) return;
      for (const recorded of page) {
        try {
          this.apply(recorded);
        } catch (error) {
          // An unreadable receipt event stops the index unless a quarantine sets it aside (issue 16, item 6).
          if (!(await this.isSetAside(recorded))) throw error;
        }
        this.position = recorded.position;
      }
    }
  }

  private async isSetAside(recorded: RecordedEvent): Promise<boolean> {
    const later = await this.store.readStream(recorded.streamName, { fromRevision: recorded.revision + 1 });
    return quarantineOf(recorded, later) !== undefined;
  }

  private apply(recorded: RecordedEvent): void {
    const change = receiptChangeOf(recorded);
    if (!change) return;
    const periods = this.schools.get(change.schoolId) ?? new Map<string, Map<string, ReceiptState>>();
    this.schools.set(change.schoolId, periods);
    const key = receiptKey(change.category, change.period);
    const students = periods.get(key) ?? new Map<string, ReceiptState>();
    periods.set(key, students);
    const after = applyReceiptChange(students.get(change.studentId), change);
    if (after) students.set(change.studentId, after);
  }
}
