/// <reference types="node" />
import { createReadStream, type ReadStream } from 'node:fs';
import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import { isDomainError, type DomainError } from '@licheng/domain';
import { domainError, freezeDeep } from '@licheng/domain/internal';
import { decodeQuarantine, isQuarantineRecord, setsAside, type RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded } from '../envelope';
import type { Projection } from '../projection';
import { repairOf } from '../runner';
import type { Repair, StoredView } from '../viewStore';
import { lineBatches } from './lines';

export interface LogRebuildOptions {
  /** Events between two calls of `onBatch`; 5,000 when absent. */
  readonly batchSize?: number;
  /** Called every `batchSize` events, and once at the end, with the events folded so far. */
  readonly onBatch?: (events: number) => void;
}

const lineError = (line: number, reason: string): DomainError =>
  domainError('LOG_LINE_INVALID', null, `第 ${line} 行無法讀取：${reason}`, `line ${line} cannot be read: ${reason}`, {
    line,
  });

/** Where a rebuild has got to: kept between chunks, read and written back once per chunk. */
interface Progress {
  position: number;
  folded: number;
  line: number;
  /**
   * Unreadable events met so far that no quarantine has set aside yet, by stream and revision: a log is
   * read once, front to back, and a quarantine record comes after the event it sets aside (issue 16,
   * item 6). One still pending at the end refuses the rebuild.
   */
  readonly pending: Map<string, { readonly record: RecordedEvent; readonly error: DomainError }>;
  readonly repairs: Repair[];
}

/**
 * Folds one chunk's lines into the view; a refusal ends the rebuild. Synchronous and apart from the async
 * reading loop: there, every variable lives across an `await` and sits in a heap context, here in registers.
 */
const foldLines = <View>(
  lines: ReadonlyArray<string>,
  view: Draft<View>,
  projection: Projection<View>,
  progress: Progress,
  options: LogRebuildOptions,
  batchSize: number,
): DomainError | null => {
  let { position, folded, line } = progress;
  try {
    for (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      let record: RecordedEvent;
      try {
        record = JSON.parse(text) as RecordedEvent;
      } catch (cause) {
        return lineError(line, cause instanceof Error ? cause.message : String(cause));
      }
      if (
        typeof record !== 'object' ||
        record === null ||
        typeof record.position !== 'number' ||
        record.position <= position
      ) {
        return lineError(
          line,
          `position ${String((record as { position?: unknown } | null)?.position)} does not follow ${position}`,
        );
      }
      const decoded = decodeRecorded(record);
      if (E.isLeft(decoded)) {
        position = record.position;
        const quarantine = isQuarantineRecord(record) ? decodeQuarantine(record) : undefined;
        if (quarantine && E.isRight(quarantine)) {
          const key = `${record.streamName}\u0000${quarantine.right.event.data.revision}`;
          const broken = progress.pending.get(key);
          if (broken && setsAside(quarantine.right, broken.record)) {
            progress.pending.delete(key);
            progress.repairs.push(repairOf(quarantine.right));
          }
        } else progress.pending.set(`${record.streamName}\u0000${record.revision}`, { record, error: decoded.left });
        continue;
      }
      position = record.position;
      // Folded at once: an event kept for a batch would outlive the young generation and cost a full collection.
      projection.apply(view, decoded.right);
      folded += 1;
      if (folded % batchSize === 0) options.onBatch?.(folded);
    }
    return null;
  } finally {
    progress.position = position;
    progress.folded = folded;
    progress.line = line;
  }
};

/**
 * Rebuilds a projection from an NDJSON event log (one stored event per line, in position order, as
 * `licheng` writes logs) read as a stream: a file path, a readable stream or any async iterable of chunks.
 * Each line is parsed, decoded and folded before the next, so that memory holds the view and one chunk of
 * the file, whatever the size of the log. The view is folded in place on a private copy of the initial view
 * (the projection's recipe mutates plain objects as it mutates immer drafts) and frozen once at the end:
 * the same view `applyEvents` gives, without a draft per object.
 */
export const rebuildFromLog = async <View>(
  source: string | AsyncIterable<Uint8Array | string>,
  projection: Projection<View>,
  options: LogRebuildOptions = {},
): Promise<E.Either<DomainError, StoredView<View>>> => {
  const batchSize = options.batchSize ?? 5_000;
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  const view = structuredClone(projection.initialView) as Draft<View>;
  const progress: Progress = { position: -1, folded: 0, line: 0, pending: new Map(), repairs: [] };
  try {
    for await (const lines of lineBatches(input)) {
      const refused = foldLines(lines, view, projection, progress, options, batchSize);
      if (refused !== null) return E.left(refused);
    }
    const unrepaired = progress.pending.values().next();
    if (!unrepaired.done) return E.left(unrepaired.value.error);
    if (progress.folded % batchSize !== 0) options.onBatch?.(progress.folded);
  } catch (cause) {
    if (isDomainError(cause)) return E.left(cause);
    const { line } = progress;
    return E.left(
      domainError(
        'PROJECTION_FAILED',
        null,
        `投影 ${projection.name} 在第 ${line} 行停止：${String(cause)}`,
        `Projection ${projection.name} stopped at line ${line}: ` +
          `${cause instanceof Error ? cause.message : String(cause)}`,
        { projection: projection.name, line },
      ),
    );
  } finally {
    // A stream handed in is its owner's to close.
    if (input !== source) (input as ReadStream).destroy();
  }
  freezeDeep(view);
  const { position, repairs } = progress;
  return E.right({ view: view as View, position, ...(repairs.length > 0 ? { repairs } : {}) });
};
