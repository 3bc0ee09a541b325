import * as E from 'fp-ts/Either';
import { isDomainError, STREAM_PREFIXES, type DomainError } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import { type EventStore, type RecordedEvent, type Subscription } from '@licheng/eventstore';
import { decodeRecorded, type ProjectedEvent } from './envelope';
import { applyEvent, applyEvents, type Projection } from './projection';
import type { StoredView, ViewStore } from './viewStore';

const PREFIXES = Object.values(STREAM_PREFIXES);
const PAGE = 5_000;

/** A projection that cannot fold an event stops there and says which; it neither skips it nor moves past it. */
const failedAt = (projection: string, recorded: RecordedEvent, cause: unknown): DomainError => {
  const reason = isDomainError(cause) ? cause.message.en : cause instanceof Error ? cause.message : String(cause);
  const reasonZh = isDomainError(cause) ? cause.message['zh-TW'] : reason;
  return domainError(
    'PROJECTION_FAILED',
    null,
    `投影 ${projection} 停在串流 ${recorded.streamName} 第 ${recorded.revision} 筆事件（位置 ${recorded.position}，${recorded.type}）：${reasonZh}`,
    `Projection ${projection} stopped at event ${recorded.revision} of ${recorded.streamName} (position ${recorded.position}, ${recorded.type}): ${reason}`,
    {
      projection,
      streamName: recorded.streamName,
      revision: recorded.revision,
      position: recorded.position,
      type: recorded.type,
      cause: reason,
    },
  );
};

export interface ProjectionRunner<View> {
  /** Folds the whole log from the first event, replacing the stored view. */
  readonly rebuild: () => Promise<E.Either<DomainError, StoredView<View>>>;
  /** Folds every event after the stored checkpoint. */
  readonly catchUp: () => Promise<E.Either<DomainError, StoredView<View>>>;
  /** Catches up, then keeps up through the store's subscription until closed. */
  readonly start: (options?: {
    onError?: (error: DomainError) => void;
    onUpdate?: (stored: StoredView<View>) => void;
  }) => Promise<Subscription>;
  readonly current: () => Promise<StoredView<View>>;
}

/** One part of the log a runner folds alone, with its own checkpoint (a school: see schools.ts). */
export interface Partition {
  /** Where the view and its checkpoint are saved; the projection's name when absent. */
  readonly viewName: string;
  readonly streamPrefixes: ReadonlyArray<string>;
  /** Events a prefix matches that are not this partition's (`school-a` is a prefix of `school-ab`). */
  readonly owns: (streamName: string) => boolean;
}

export const createProjectionRunner = <View>(
  store: EventStore,
  projection: Projection<View>,
  views: ViewStore,
  partition?: Partition,
): ProjectionRunner<View> => {
  const empty: StoredView<View> = { view: projection.initialView, position: -1 };
  const viewName = partition?.viewName ?? projection.name;
  const prefixes = partition?.streamPrefixes ?? PREFIXES;
  const owns = partition?.owns ?? (() => true);
  const current = async () => (await views.load<View>(viewName)) ?? empty;

  /** Folds one page; on a failure, folds event by event up to it so the saved view stops just before it. */
  const foldPage = (
    from: StoredView<View>,
    page: ReadonlyArray<RecordedEvent>,
  ): { stored: StoredView<View>; error?: DomainError } => {
    const decoded: ProjectedEvent[] = [];
    const sources: RecordedEvent[] = [];
    let failure: { index: number; cause: unknown } | undefined;
    for (const [index, recorded] of page.entries()) {
      if (!owns(recorded.streamName)) continue;
      const result = decodeRecorded(recorded);
      if (E.isLeft(result)) {
        failure = { index, cause: result.left };
        break;
      }
      decoded.push(result.right);
      sources.push(recorded);
    }
    try {
      const view = applyEvents(projection, from.view, decoded);
      // Past the whole page when it folded (other partitions' events included), else up to the failing event.
      const last = failure ? page[failure.index - 1] : page[page.length - 1];
      const stored = { view, position: last ? last.position : from.position };
      return failure ? { stored, error: failedAt(projection.name, page[failure.index]!, failure.cause) } : { stored };
    } catch {
      let stored = from;
      for (const [index, event] of decoded.entries()) {
        try {
          stored = { view: applyEvent(projection, stored.view, event), position: event.position };
        } catch (cause) {
          return { stored, error: failedAt(projection.name, sources[index]!, cause) };
        }
      }
      return { stored };
    }
  };

  /** `replacing`: a rebuild saves even an empty result, so no earlier view outlives it. */
  const foldFrom = async (
    start: StoredView<View>,
    replacing = false,
  ): Promise<E.Either<DomainError, StoredView<View>>> => {
    let stored = start;
    let mustSave = replacing;
    for (;;) {
      const page = await store.readAll({ after: stored.position, maxCount: PAGE, streamPrefixes: prefixes });
      if (page.length === 0) {
        if (mustSave) await views.save(viewName, stored);
        return E.right(stored);
      }
      const folded = foldPage(stored, page);
      if (mustSave || folded.stored !== stored) await views.save(viewName, folded.stored);
      mustSave = false;
      stored = folded.stored;
      if (folded.error) return E.left(folded.error);
    }
  };

  const catchUp = async () => foldFrom(await current());

  const start: ProjectionRunner<View>['start'] = async (options = {}) => {
    const caughtUp = await catchUp();
    if (E.isLeft(caughtUp)) {
      options.onError?.(caughtUp.left);
      return { close: async () => undefined };
    }
    let stored = caughtUp.right;
    return store.subscribeToAll({
      after: stored.position,
      streamPrefixes: prefixes,
      onEvent: async (recorded) => {
        if (!owns(recorded.streamName)) return;
        const decoded = decodeRecorded(recorded);
        if (E.isLeft(decoded)) throw failedAt(projection.name, recorded, decoded.left);
        try {
          stored = { view: applyEvent(projection, stored.view, decoded.right), position: recorded.position };
        } catch (cause) {
          throw failedAt(projection.name, recorded, cause);
        }
        await views.save(viewName, stored);
        options.onUpdate?.(stored);
      },
      onError: (error) =>
        options.onError?.(
          isDomainError(error) ? error : domainError('PROJECTION_FAILED', null, String(error), String(error)),
        ),
    });
  };

  return { rebuild: () => foldFrom(empty, true), catchUp, start, current };
};
