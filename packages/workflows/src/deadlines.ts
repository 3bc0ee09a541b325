import { isCoveredBySeal, schoolPortfoliosPrefix, schoolStreamName, sealCoverage } from '@licheng/domain';
import { byCodeUnits } from '@licheng/domain/internal';
import * as E from 'fp-ts/Either';
import {
  confirmationItemOf,
  isApplicable,
  isRoundSealed,
  roundKey,
  roundOfStudent,
  roundsOf,
  receiptPhase,
  recheckItemOf,
  workPeriodOf,
  type DomainError,
  type ReceiptCategory,
  type ReceiptState,
  type RoundCohorts,
  type SchoolState,
  type TaipeiInstant,
} from '@licheng/domain';
import {
  GENESIS_HASH,
  headsDigest,
  linkHash,
  signSeal,
  storedHash,
  type LichengService,
  type SealKey,
  type StreamHead,
} from '@licheng/eventstore';
import type { DueItems, DueReceipt } from './dueItems';
import { logPages } from './logPages';
import { processCommandId, SYSTEM_ACTOR } from './ids';

export interface DeadlineReport {
  readonly deemed: number;
  readonly sealed: number;
  /** Effects another run (or the student, a moment earlier) had already recorded. */
  readonly alreadyDone: number;
  readonly refused: ReadonlyArray<DomainError>;
}

/** Refusals that mean "someone got there first": the effect is no longer due, which is what we wanted. */
const SETTLED = new Set(['RECEIPT_NOTHING_TO_DEEM', 'PERIOD_SEALED']);

/**
 * An effect's command id is derived from the effect itself, so the id already stored with a command of the
 * same type means another run recorded this effect; only a seal's digest differs, taken a moment apart.
 */
const sameEffectDone = (error: DomainError): boolean =>
  error.code === 'COMMAND_ID_REUSED' && error.details['storedType'] === error.details['givenType'];

const hasEnded = (
  policy: SchoolState,
  period: string,
  item: Parameters<typeof workPeriodOf>[2],
  round: RoundCohorts,
  now: TaipeiInstant,
): boolean => {
  const window = workPeriodOf(policy, period, item, round);
  return window !== undefined && now >= window.end;
};

/**
 * R-REC-5 / R-ROUND-1: which stage of a receipt, if any, is due to be deemed correct at `now`, by its round's windows.
 */
const dueStage = (
  policy: SchoolState,
  receipt: ReceiptState,
  round: RoundCohorts,
  now: TaipeiInstant,
): 'first' | 'recheck' | null => {
  if (!isApplicable(receipt)) return null;
  const phase = receiptPhase(receipt);
  if (phase === 'awaitingAnswer' && hasEnded(policy, receipt.period, confirmationItemOf(receipt.category), round, now))
    return 'first';
  if (phase === 'awaitingRecheck' && hasEnded(policy, receipt.period, recheckItemOf(receipt.category), round, now))
    return 'recheck';
  return null;
};

/**
 * R-SEAL-1: a period is over once its confirmation and re-check windows have ended and no student's
 * answer is still awaited. A report the school never reviewed stays as the student's final answer and
 * does not hold the seal back: the sources leave anything after the re-check to be handled outside.
 */
const readyToSeal = (
  policy: SchoolState,
  round: RoundCohorts,
  receipts: ReadonlyArray<ReceiptState>,
  now: TaipeiInstant,
): boolean => {
  const first = receipts[0];
  if (!first || isRoundSealed(policy, first.category, first.period, round)) return false;
  const recheck = workPeriodOf(policy, first.period, recheckItemOf(first.category), round);
  if (!hasEnded(policy, first.period, confirmationItemOf(first.category), round, now) || (recheck && now < recheck.end))
    return false;
  // Without a re-check window, a reviewed report can never be re-checked, so it does not hold the seal back.
  return receipts.every(
    (r) =>
      !isApplicable(r) || (receiptPhase(r) !== 'awaitingAnswer' && (receiptPhase(r) !== 'awaitingRecheck' || !recheck)),
  );
};

/**
 * Whether anything of a category's period can be due at `now`: some round of it (a cohort round, or the
 * every-cohort round) not sealed yet whose confirmation or re-check window has ended. Exact, not a guess:
 * otherwise `dueStage` is null for each of its receipts and `readyToSeal` false for each of its rounds.
 */
export const mayBeDue = (policy: SchoolState, category: ReceiptCategory, period: string, now: TaipeiInstant): boolean =>
  [...roundsOf(policy, category, period), null].some(
    (round) =>
      !isRoundSealed(policy, category, period, round) &&
      (hasEnded(policy, period, confirmationItemOf(category), round, now) ||
        hasEnded(policy, period, recheckItemOf(category), round, now)),
  );

type Receipts = { readonly receipts: ReadonlyArray<DueReceipt>; readonly refused: ReadonlyArray<DomainError> };

/** The reference: every receipt of the school, from every portfolio, read from every portfolio event of the school. */
const scanReceipts = async (service: LichengService, schoolId: string): Promise<Receipts> => {
  const prefix = schoolPortfoliosPrefix(schoolId);
  // Only the students are kept, in the order the log first names them, so a page of events is all that is parsed.
  const students = new Set<string>();
  for await (const page of logPages(service.store, [prefix]))
    for (const event of page) students.add(event.streamName.slice(prefix.length));
  const receipts: DueReceipt[] = [];
  const refused: DomainError[] = [];
  for (const studentId of students) {
    const loaded = await service.loadPortfolio(schoolId, studentId);
    if (E.isLeft(loaded)) refused.push(loaded.left);
    else for (const receipt of Object.values(loaded.right.receipts)) receipts.push({ studentId, receipt });
  }
  return { receipts, refused };
};

/** From the due-items index: the receipts of the periods where something may be due, and no others. */
const dueReceipts = async (
  items: DueItems,
  schoolId: string,
  policy: SchoolState,
  now: TaipeiInstant,
): Promise<Receipts> => {
  await items.catchUp();
  const receipts: DueReceipt[] = [];
  for (const { category, period } of await items.periodsOf(schoolId)) {
    if (mayBeDue(policy, category, period, now)) receipts.push(...(await items.receiptsOf(schoolId, category, period)));
  }
  return { receipts, refused: [] };
};

/**
 * The seal digest (docs/audit.md): the heads of the school stream and of every portfolio and submission
 * stream of the school, as they stand just before sealing.
 */
const sealHeadsOf = async (service: LichengService, schoolId: string): Promise<StreamHead[]> => {
  // Each stream's chain is followed as its events come, a page at a time (chainHashes, one link at a time): only
  // the heads are kept, never the school's whole log.
  const heads = new Map<string, StreamHead>();
  for await (const page of logPages(service.store, sealCoverage(schoolId).streamPrefixes)) {
    for (const event of page) {
      // `school-{id}` is also a prefix of another school's `school-{id}x`.
      if (!isCoveredBySeal(event.streamName, schoolId)) continue;
      const prev = heads.get(event.streamName)?.[2] ?? GENESIS_HASH;
      heads.set(event.streamName, [
        event.streamName,
        event.revision,
        storedHash(event.metadata) ?? linkHash(prev, event),
      ]);
    }
  }
  return [...heads.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
};

/**
 * The seal's data besides the round (schema v3, issue 16): the digest, the exact heads it commits to, and
 * with a key, the signature of the statement (packages/eventstore/src/sealSignature.ts).
 */
const sealIntegrityOf = async (
  service: LichengService,
  schoolId: string,
  category: string,
  period: string,
  round: ReadonlyArray<number> | null | undefined,
  key: SealKey | undefined,
) => {
  const heads = await sealHeadsOf(service, schoolId);
  const digest = headsDigest(heads);
  const statement = {
    schoolStream: schoolStreamName(schoolId),
    category,
    period,
    digest,
    heads,
    ...(round ? { cohorts: round } : {}),
  };
  return {
    digest,
    integrity: { heads: heads.map((head) => [...head]), ...(key ? { signature: signSeal(key, statement) } : {}) },
  };
};

export interface DeadlineOptions {
  /** The Ed25519 key the runner signs seals with (docs/audit.md: keeping and rotating it); unsigned without. */
  readonly sealKey?: SealKey;
  /**
   * The due-items index to read receipts from (dueItems.ts), so that a run reads only the periods where
   * something may be due. Without it the run scans every portfolio of the school: the reference behaviour.
   */
  readonly dueItems?: DueItems;
}

/**
 * The deadline runner (R-AUTH-4, R-REC-5, R-SEAL-1): finds every receipt whose window closed without an
 * answer and has the system deem it correct, then seals every period whose confirmation is over. Each
 * effect is a command with an id derived from what it does, so the runner is idempotent: run it every
 * minute, twice at once, or again after a crash, and each effect is recorded once. With `dueItems` it reads
 * only the periods where something may be due (`mayBeDue`); the effects are those of the full scan (tested).
 */
export const runDeadlines = async (
  service: LichengService,
  schoolId: string,
  now: TaipeiInstant,
  options: DeadlineOptions = {},
): Promise<DeadlineReport> => {
  let report: DeadlineReport = { deemed: 0, sealed: 0, alreadyDone: 0, refused: [] };
  const record = (result: Awaited<ReturnType<LichengService['execute']>>, counter: 'deemed' | 'sealed') => {
    if (E.isRight(result))
      report = result.right.alreadyApplied
        ? { ...report, alreadyDone: report.alreadyDone + 1 }
        : { ...report, [counter]: report[counter] + 1 };
    else if (SETTLED.has(result.left.code) || sameEffectDone(result.left))
      report = { ...report, alreadyDone: report.alreadyDone + 1 };
    else report = { ...report, refused: [...report.refused, result.left] };
  };
  const school = await service.loadSchool(schoolId);
  if (E.isLeft(school)) return { ...report, refused: [school.left] };
  const policy = school.right;

  // R-ROUND-1: receipts are gathered, deemed and sealed per round; each student has one round a period.
  const byRound = new Map<string, { round: RoundCohorts; receipts: ReceiptState[] }>();
  const gather = (round: RoundCohorts, receipt: ReceiptState) => {
    const key = roundKey(receipt.category, receipt.period, round);
    const entry = byRound.get(key) ?? { round, receipts: [] };
    entry.receipts.push(receipt);
    byRound.set(key, entry);
  };
  const { receipts, refused } = options.dueItems
    ? await dueReceipts(options.dueItems, schoolId, policy, now)
    : await scanReceipts(service, schoolId);
  report = { ...report, refused: [...refused] };
  for (const { studentId, receipt } of receipts) {
    const round = roundOfStudent(policy, receipt.category, receipt.period, studentId);
    const stage = dueStage(policy, receipt, round, now);
    if (stage === null) {
      gather(round, receipt);
      continue;
    }
    const { category, period } = receipt;
    const result = await service.execute({
      commandId: processCommandId('deem', schoolId, studentId, category, period, stage),
      now,
      actor: SYSTEM_ACTOR,
      type: 'DeemReceiptCorrect',
      data: { schoolId, studentId, category, period },
    });
    record(result, 'deemed');
    const after = await service.loadPortfolio(schoolId, studentId);
    const settled = E.isRight(after) ? after.right.receipts[`${category}:${period}`] : undefined;
    gather(round, settled ?? receipt);
  }

  // In the order of their keys, so that the seals (whose digests include the seals before them) do not depend on
  // reading order.
  for (const [, { round, receipts }] of [...byRound].sort(([a], [b]) => byCodeUnits(a, b))) {
    if (!readyToSeal(policy, round, receipts, now)) continue;
    const { category, period } = receipts[0]!;
    // Computed just before sealing; the command id stays what it was, so a repeat is still recognised.
    const { digest, integrity } = await sealIntegrityOf(service, schoolId, category, period, round, options.sealKey);
    // R-ROUND-1: a cohort round's seal names its cohorts; the every-cohort round's id is what it always was.
    const cohorts = round ? { cohorts: round } : {};
    const result = await service.execute({
      commandId: processCommandId('seal', schoolId, category, period, ...(round ? [round.join('.')] : [])),
      now,
      actor: SYSTEM_ACTOR,
      type: 'SealPeriod',
      data: { schoolId, category, period, ...cohorts, digest, integrity },
    });
    record(result, 'sealed');
  }
  return report;
};
