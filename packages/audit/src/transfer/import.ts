import { schoolNotRegistered } from '@licheng/domain/internal';
import {
  describeValidationErrors,
  foldEvents,
  portfolioStreamName,
  schoolStreamName,
  type Actor,
  type DomainError,
  type PortfolioEvent,
  type PortfolioState,
  type TaipeiInstant,
} from '@licheng/domain';
import { actorOutsideSchool } from '@licheng/domain/internal';
import {
  eventIdOf,
  loadStream,
  portfolioAggregate,
  schoolAggregate,
  type EventStore,
  type NewEvent,
} from '@licheng/eventstore';
import { chainBatch, headHashOf } from '@licheng/eventstore/internal';
import * as E from 'fp-ts/Either';
import { verifyStreamChain } from '../chain';
import { TransferBundle, tokenOf, transferError } from './bundle';

export interface ImportRequest {
  /** The file as received, and the name it arrived under. */
  readonly text: string;
  readonly fileName: string;
  /** The token the receiving school presents, as handed over apart from the file. */
  readonly token: string;
  readonly schoolId: string;
  readonly now: TaipeiInstant;
  readonly actor: Actor;
}

/** What the import added, by kind of record (R-XFER-1) and by event type. */
export interface ImportReport {
  readonly streamName: string;
  readonly alreadyImported: boolean;
  readonly events: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly records: {
    readonly courseOutcomes: number;
    readonly performances: number;
    readonly learningPlans: number;
    readonly receipts: number;
    readonly applications: number;
  };
}

/** Checks the file against its name, its own token and the presented one, then its events' chain. */
const checkBundle = (request: ImportRequest): E.Either<DomainError, TransferBundle> => {
  let json: unknown;
  try {
    json = JSON.parse(request.text);
  } catch {
    return E.left(transferError('TRANSFER_BUNDLE_INVALID', '轉學檔案不是 JSON', 'the transfer file is not JSON'));
  }
  const decoded = TransferBundle.decode(json);
  if (E.isLeft(decoded)) {
    const problems = describeValidationErrors(decoded.left);
    const first = problems[0];
    return E.left(
      transferError(
        'TRANSFER_BUNDLE_INVALID',
        `轉學檔案格式錯誤：${first?.path}`,
        `the transfer file is malformed at ${first?.path}: expected ${first?.expected}`,
        { problems },
      ),
    );
  }
  const bundle = decoded.right;
  if (bundle.fileName !== request.fileName) {
    return E.left(
      transferError(
        'TRANSFER_FILE_RENAMED',
        `檔名 ${request.fileName} 不是匯出時的 ${bundle.fileName}`,
        `the file is named ${request.fileName}, not ${bundle.fileName} as exported`,
        { expected: bundle.fileName, actual: request.fileName },
      ),
    );
  }
  const computed = tokenOf(bundle);
  if (computed !== bundle.token || computed !== request.token) {
    const code = computed !== bundle.token ? 'TRANSFER_BUNDLE_ALTERED' : 'TRANSFER_TOKEN_MISMATCH';
    return E.left(
      transferError(
        code,
        '轉學檔案的內容與驗證碼不符，已被更動',
        'the transfer file does not match its integrity token: it was altered',
        { computed, inFile: bundle.token, presented: request.token },
      ),
    );
  }
  const expectedStream = portfolioStreamName(bundle.from.schoolId, bundle.studentId);
  const foreign = bundle.events.find((e, i) => e.streamName !== expectedStream || e.revision !== i);
  const broken = verifyStreamChain(bundle.events.map((record, i) => ({ record, line: i + 1 })));
  if (foreign || broken.length > 0) {
    return E.left(
      transferError(
        'TRANSFER_CHAIN_BROKEN',
        '轉學檔案中的事件不是完整的學習歷程串流',
        'the events in the transfer file are not one whole, unbroken portfolio stream',
        { findings: broken.map((f) => f.message.en) },
      ),
    );
  }
  return E.right(bundle);
};

const countRecords = (state: PortfolioState): ImportReport['records'] => ({
  courseOutcomes: Object.keys(state.outcomes).length,
  performances: Object.keys(state.performances).length,
  learningPlans: Object.keys(state.plans).length,
  receipts: Object.keys(state.receipts).length,
  applications: Object.keys(state.applications).length,
});

/** Record ids the student already has here (live or retired), which the bundle's records would overwrite. */
const conflicts = (here: PortfolioState, arriving: PortfolioState): ReadonlyArray<string> => {
  const taken = new Set([
    ...Object.keys(here.outcomes),
    ...Object.keys(here.performances),
    ...Object.keys(here.plans),
    ...Object.keys(here.retiredIds),
    ...Object.keys(here.receipts),
  ]);
  return [
    ...Object.keys(arriving.outcomes),
    ...Object.keys(arriving.performances),
    ...Object.keys(arriving.plans),
    ...Object.keys(arriving.receipts),
  ].filter((id) => taken.has(id));
};

/**
 * R-XFER-1: imports a transfer bundle into the receiving school's portfolio stream of the student, who must
 * already be enrolled there. Each event keeps its type and data; its metadata says who imported it and
 * when, and carries the original stored metadata (hash included) as `importedFrom`. Importing the same
 * bundle again adds nothing.
 */
export const importTransfer = async (
  store: EventStore,
  request: ImportRequest,
): Promise<E.Either<DomainError, ImportReport>> => {
  const checked = checkBundle(request);
  if (E.isLeft(checked)) return checked;
  const bundle = checked.right;
  const { schoolId, now, actor } = request;
  // R-XFER-1 / R-AUTH-3: the receiving school's administrator (or its records system) imports, nobody else.
  const outsider = actorOutsideSchool(actor, schoolId);
  if (outsider) return E.left(outsider);
  if (actor.role !== 'admin' && actor.role !== 'system') {
    return E.left(
      transferError(
        'ROLE_NOT_ALLOWED',
        `身分「${actor.role}」不可匯入轉學生資料`,
        `a ${actor.role} may not import a transfer student's records`,
        { role: actor.role },
      ),
    );
  }
  const school = await loadStream(store, schoolAggregate, schoolStreamName(schoolId));
  if (E.isLeft(school)) return school;
  if (school.right.state.schoolId === null) return E.left(schoolNotRegistered(schoolId, 'R-XFER-1'));
  if (!school.right.state.students[bundle.studentId]) {
    return E.left(
      transferError(
        'STUDENT_NOT_ENROLLED',
        `學生 ${bundle.studentId} 尚未在 ${schoolId} 註冊入學，不能匯入`,
        `student ${bundle.studentId} is not enrolled at ${schoolId}: enrol them before importing`,
        { schoolId, studentId: bundle.studentId },
      ),
    );
  }
  const arriving: { event: PortfolioEvent; index: number }[] = [];
  for (const [index, record] of bundle.events.entries()) {
    const decoded = portfolioAggregate.serializer.decode(record);
    if (E.isLeft(decoded)) return decoded;
    arriving.push({ event: decoded.right.event, index });
  }
  const arrivingState = foldEvents(
    portfolioAggregate.decider.evolve,
    portfolioAggregate.decider.initialState(),
    arriving.map((a) => a.event),
  );
  const streamName = portfolioStreamName(schoolId, bundle.studentId);
  const commandId = `transfer-${bundle.token.slice(0, 32)}`;
  const byType: Record<string, number> = {};
  for (const { event } of arriving) byType[event.type] = (byType[event.type] ?? 0) + 1;
  const report = { streamName, events: arriving.length, byType, records: countRecords(arrivingState) };

  const here = await loadStream(store, portfolioAggregate, streamName);
  if (E.isLeft(here)) return here;
  if (here.right.commands.has(commandId)) return E.right({ ...report, alreadyImported: true });
  const clash = conflicts(here.right.state, arrivingState);
  if (clash.length > 0) {
    return E.left(
      transferError(
        'TRANSFER_ID_CONFLICT',
        `學生在本校已有相同編號的紀錄：${clash.join('、')}`,
        `the student already has records with these ids here: ${clash.join(', ')}`,
        { ids: clash },
      ),
    );
  }
  const command = {
    type: 'ImportTransferBundle',
    data: {
      studentId: bundle.studentId,
      fromSchoolId: bundle.from.schoolId,
      fileName: bundle.fileName,
      token: bundle.token,
    },
  };
  const batch: NewEvent[] = arriving.map(({ event, index }) => {
    const original = bundle.events[index]!;
    const stored = portfolioAggregate.serializer.toNewEvent(
      event,
      { occurredAt: now, actor, commandId, correlationId: commandId, causationId: commandId },
      eventIdOf(streamName, commandId, index),
    );
    const importedFrom = {
      schoolId: bundle.from.schoolId,
      streamName: original.streamName,
      revision: original.revision,
      position: original.position,
      eventId: original.eventId,
      metadata: original.metadata,
    };
    return { ...stored, metadata: { ...(stored.metadata as object), command, importedFrom } };
  });
  const prev = await headHashOf(store, streamName, here.right.version, here.right.last?.metadata);
  const appended = await store.appendToStream(
    streamName,
    chainBatch(prev, batch),
    here.right.version < 0 ? 'no_stream' : here.right.version,
  );
  if (E.isLeft(appended)) return appended;
  return E.right({ ...report, alreadyImported: false });
};
