import * as E from 'fp-ts/Either';
import type { DomainError } from '@licheng/domain';
import { STREAM_PREFIXES } from '@licheng/domain';
import { submissionAggregate, type LichengService, type RecordedEvent, type Subscription } from '@licheng/eventstore';
import { parseSubmissionStream, processCommandId, SYSTEM_ACTOR } from './ids';

export interface StatementOutcome {
  readonly issued: number;
  readonly alreadyIssued: number;
  readonly refused: ReadonlyArray<DomainError>;
}

const NOTHING: StatementOutcome = { issued: 0, alreadyIssued: 0, refused: [] };

const add = (a: StatementOutcome, b: StatementOutcome): StatementOutcome => ({
  issued: a.issued + b.issued,
  alreadyIssued: a.alreadyIssued + b.alreadyIssued,
  refused: [...a.refused, ...b.refused],
});

/**
 * R-SUB-3: when a submission is accepted, each listed student receives the statement of what was
 * submitted for them. Each statement is a command with an id derived from (school, category, period,
 * FID, student) and dated at the acceptance, so handling the same accepted event again — after a crash
 * between two students, or by two processes at once — issues nothing twice.
 */
export const issueStatementsFor = async (
  service: LichengService,
  recorded: RecordedEvent,
): Promise<StatementOutcome> => {
  if (recorded.type !== 'SubmissionAccepted') return NOTHING;
  const ref = parseSubmissionStream(recorded.streamName);
  const decoded = submissionAggregate.serializer.decode(recorded);
  if (!ref || E.isLeft(decoded)) return { ...NOTHING, refused: E.isLeft(decoded) ? [decoded.left] : [] };
  const { event, metadata, eventId } = decoded.right;
  if (event.type !== 'SubmissionAccepted') return NOTHING;
  const submission = await service.loadSubmission(ref.schoolId, ref.category, ref.period, ref.cohorts);
  // R-ROUND-1: a cohort round's statements carry its cohorts; the every-cohort round's ids stay as they were.
  const round = ref.cohorts ? [ref.cohorts.join('.')] : [];
  if (E.isLeft(submission)) return { ...NOTHING, refused: [submission.left] };
  const attempt = submission.right.attempts[event.data.fid];
  let outcome = NOTHING;
  for (const entry of attempt?.roster ?? []) {
    const result = await service.execute({
      commandId: processCommandId(
        'statement',
        ref.schoolId,
        ref.category,
        ref.period,
        ...round,
        event.data.fid,
        entry.studentId,
      ),
      now: metadata.occurredAt,
      actor: SYSTEM_ACTOR,
      correlationId: metadata.correlationId,
      causationId: eventId,
      type: 'IssueReceiptStatement',
      data: {
        schoolId: ref.schoolId,
        studentId: entry.studentId,
        category: ref.category,
        period: ref.period,
        ...(ref.cohorts ? { cohorts: ref.cohorts } : {}),
        fid: event.data.fid,
        items: entry.items,
      },
    });
    const one: StatementOutcome = E.isRight(result)
      ? result.right.alreadyApplied
        ? { ...NOTHING, alreadyIssued: 1 }
        : { ...NOTHING, issued: 1 }
      : result.left.code === 'STATEMENT_ALREADY_ISSUED'
        ? { ...NOTHING, alreadyIssued: 1 }
        : { ...NOTHING, refused: [result.left] };
    outcome = add(outcome, one);
  }
  return outcome;
};

/** Handles every accepted submission after `after` (a global position); for catching up after downtime. */
export const catchUpStatements = async (service: LichengService, after?: number): Promise<StatementOutcome> => {
  const events = await service.store.readAll({
    ...(after === undefined ? {} : { after }),
    streamPrefixes: [STREAM_PREFIXES.submission],
  });
  let outcome = NOTHING;
  for (const recorded of events) outcome = add(outcome, await issueStatementsFor(service, recorded));
  return outcome;
};

/** Where a process has got to: the position of the last event it has fully handled. */
export interface CheckpointStore {
  load(name: string): Promise<number | undefined>;
  save(name: string, position: number): Promise<void>;
}

export const inMemoryCheckpoints = (): CheckpointStore => {
  const positions = new Map<string, number>();
  return {
    load: async (name) => positions.get(name),
    save: async (name, position) => void positions.set(name, position),
  };
};

/**
 * Runs the statement process live: it resumes after its checkpoint, handles each accepted submission,
 * and only then moves the checkpoint, so a crash re-handles at most the event it was on (harmlessly).
 */
export const startStatementProcess = async (
  service: LichengService,
  checkpoints: CheckpointStore,
  onOutcome: (outcome: StatementOutcome, recorded: RecordedEvent) => void = () => undefined,
  name = 'receipt-statements',
): Promise<Subscription> => {
  const after = await checkpoints.load(name);
  return service.store.subscribeToAll({
    ...(after === undefined ? {} : { after }),
    streamPrefixes: [STREAM_PREFIXES.submission],
    onEvent: async (recorded) => {
      const outcome = await issueStatementsFor(service, recorded);
      if (outcome.issued + outcome.alreadyIssued + outcome.refused.length > 0) onOutcome(outcome, recorded);
      await checkpoints.save(name, recorded.position);
    },
  });
};
