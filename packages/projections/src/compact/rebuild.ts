/// <reference types="node" />
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import { domainError, isDomainError, type DomainError } from '@licheng/domain';
import { freezeDeep, type RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded } from '../envelope';
import type { Projection } from '../projection';
import type { StoredView } from '../viewStore';
import { lineBatches } from './lines';

export interface LogRebuildOptions {
  /** Events between two calls of `onBatch`; 5,000 when absent. */
  readonly batchSize?: number;
  /** Called every `batchSize` events, and once at the end, with the events folded so far. */
  readonly onBatch?: (events: number) => void;
}


const lineError = (line: number, reason: string): DomainError =>
  domainError('LOG_LINE_INVALID', null, `第 ${line} 行無法讀取：${reason}`, `line ${line} cannot be read: ${reason}`, { line });

/**
 * Rebuilds a projection from an NDJSON event log (one stored event per line, in position order, as
 * `licheng` writes logs) read as a stream: each line is parsed, decoded and folded before the next, so that
 * memory holds the view and one chunk of the file, whatever the size of the log. The view is folded in place on a
 * private copy of the initial view (the projection's recipe mutates plain objects as it mutates immer
 * drafts) and frozen once at the end: the same view `applyEvents` gives, without a draft per object.
 */
export const rebuildFromLog = async <View>(
  source: string | Readable,
  projection: Projection<View>,
  options: LogRebuildOptions = {},
): Promise<E.Either<DomainError, StoredView<View>>> => {
  const batchSize = options.batchSize ?? 5_000;
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  const view = structuredClone(projection.initialView) as Draft<View>;
  let position = -1;
  let folded = 0;
  let lineNumber = 0;
  try {
    for await (const lines of lineBatches(input)) {
      for (const line of lines) {
        lineNumber += 1;
        if (line.trim() === '') continue;
        let record: RecordedEvent;
        try {
          record = JSON.parse(line) as RecordedEvent;
        } catch (cause) {
          return E.left(lineError(lineNumber, cause instanceof Error ? cause.message : String(cause)));
        }
        if (typeof record !== 'object' || record === null || typeof record.position !== 'number' || record.position <= position) {
          return E.left(lineError(lineNumber, `position ${String((record as { position?: unknown } | null)?.position)} does not follow ${position}`));
        }
        const decoded = decodeRecorded(record);
        if (E.isLeft(decoded)) return decoded;
        position = record.position;
        // Folded at once: an event kept for a batch would outlive the young generation and cost a full collection.
        projection.apply(view, decoded.right);
        folded += 1;
        if (folded % batchSize === 0) options.onBatch?.(folded);
      }
    }
    if (folded % batchSize !== 0) options.onBatch?.(folded);
  } catch (cause) {
    if (isDomainError(cause)) return E.left(cause);
    return E.left(domainError('PROJECTION_FAILED', null, `投影 ${projection.name} 在第 ${lineNumber} 行停止：${String(cause)}`, `Projection ${projection.name} stopped at line ${lineNumber}: ${cause instanceof Error ? cause.message : String(cause)}`, { projection: projection.name, line: lineNumber }));
  } finally {
    if (typeof source === 'string') input.destroy();
  }
  freezeDeep(view);
  return E.right({ view: view as View, position });
};
