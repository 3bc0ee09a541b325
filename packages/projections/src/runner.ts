import * as E from 'fp-ts/Either';
import { isDomainError, STREAM_PREFIXES, type DomainError } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import {
  decodeQuarantine,
  isQuarantineRecord,
  quarantineOf,
  type EventStore,
  type QuarantineEnvelope,
  type RecordedEvent,
  type Subscription,
} from '@licheng/eventstore';
import { decodeRecorded, type ProjectedEvent } from './envelope';
import { applyEvent, applyEvents, type Projection } from './projection';
import type { Repair, StoredView, ViewStore } from './viewStore';

const PREFIXES = Object.values(STREAM_PREFIXES);
const PAGE = 5_000;

/** A projection that cannot fold an event stops there and says which; it neither skips it nor moves past it. */
const failedAt = (projection: string, recorded: RecordedEvent, cause: unknown): DomainError => {
  const reason = isDomainError(cause) ? cause.message.en : cause instanceof Error ? cause.message : String(cause);
  const reasonZh = isDomainError(cause) ? cause.message['zh-TW'] : reason;
  return domainError(
    'PROJECTION_FAILED',
    null,
    `投影 ${projection} 停在串流 ${recorded.streamName} 第 ${recorded.revision} 筆事件（位置 ${recorded.position}，` +
      `${recorded.type}）：${reasonZh}`,
    `Projection ${projection} stopped at event ${recorded.revision} of ${recorded.streamName} (position ` +
      `${recorded.position}, ${recorded.type}): ${reason}`,
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

/** How a view lists one quarantine record. */
export const repairOf = (quarantine: QuarantineEnvelope): Repair => ({
  streamName: quarantine.streamName,
  revision: quarantine.event.data.revision,
  eventId: quarantine.event.data.eventId,
  recordRevision: quarantine.revision,
  reason: quarantine.event.data.reason,
  at: quarantine.metadata.occurredAt,
  by: quarantine.metadata.actor.id,
});

/** The view with one more repair listed. */
const withRepair = <View>(stored: StoredView<View>, repair: Repair): StoredView<View> =>
  Object.assign({}, stored, { repairs: [...(stored.repairs ?? []), repair] });

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
  /**
   * Positions of unreadable events a later quarantine record sets aside (issue 16, item 6): found when a
   * fold stops at one, so that readable logs never pay for the look-up.
   */
  const setAside = new Set<number>();
  const foldPage = (
    from: StoredView<View>,
    page: ReadonlyArray<RecordedEvent>,
  ): { stored: StoredView<View>; error?: DomainError; undecodable?: RecordedEvent } => {
    const decoded: ProjectedEvent[] = [];
    const sources: RecordedEvent[] = [];
    let failure: { index: number; cause: unknown } | undefined;
    const found: Array<{ readonly position: number; readonly repair: Repair }> = [];
    /** `stored` with the repairs met in this page before `position`. */
    const repairedBefore = (stored: StoredView<View>, position: number): StoredView<View> => {
      const met = found.filter((entry) => entry.position < position).map((entry) => entry.repair);
      return met.length === 0 ? stored : Object.assign({}, stored, { repairs: [...(from.repairs ?? []), ...met] });
    };
    for (const [index, recorded] of page.entries()) {
      if (!owns(recorded.streamName)) continue;
      const result = decodeRecorded(recorded);
      if (E.isLeft(result)) {
        if (setAside.has(recorded.position)) continue;
        const quarantine = isQuarantineRecord(recorded) ? decodeQuarantine(recorded) : undefined;
        if (quarantine && E.isRight(quarantine)) {
          found.push({ position: recorded.position, repair: repairOf(quarantine.right) });
          continue;
        }
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
      const stored = repairedBefore(
        Object.assign({}, from, { view, position: last ? last.position : from.position }),
        Number.POSITIVE_INFINITY,
      );
      if (!failure) return { stored };
      const failing = page[failure.index]!;
      return { stored, error: failedAt(projection.name, failing, failure.cause), undecodable: failing };
    } catch {
      let stored = from;
      for (const [index, event] of decoded.entries()) {
        try {
          stored = Object.assign({}, stored, {
            view: applyEvent(projection, stored.view, event),
            position: event.position,
          });
        } catch (cause) {
          return {
            stored: repairedBefore(stored, event.position),
            error: failedAt(projection.name, sources[index]!, cause),
          };
        }
      }
      return { stored: repairedBefore(stored, Number.POSITIVE_INFINITY) };
    }
  };

  /** Whether a quarantine later in its stream sets this unreadable event aside; remembered if so. */
  const isSetAside = async (recorded: RecordedEvent): Promise<boolean> => {
    const later = await store.readStream(recorded.streamName, { fromRevision: recorded.revision + 1 });
    if (quarantineOf(recorded, later) === undefined) return false;
    setAside.add(recorded.position);
    return true;
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
      if (folded.undecodable && (await isSetAside(folded.undecodable))) continue;
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
        if (E.isLeft(decoded)) {
          // A quarantine arrives after the event it sets aside, so live, an unreadable event stops the view;
          // a restart after the repair catches up past it. The record itself is listed, folding nothing.
          const quarantine = isQuarantineRecord(recorded) ? decodeQuarantine(recorded) : undefined;
          if (quarantine && E.isRight(quarantine)) {
            stored = Object.assign(withRepair(stored, repairOf(quarantine.right)), { position: recorded.position });
            await views.save(viewName, stored);
            options.onUpdate?.(stored);
            return;
          }
          if (setAside.has(recorded.position)) return;
          throw failedAt(projection.name, recorded, decoded.left);
        }
        try {
          stored = Object.assign({}, stored, {
            view: applyEvent(projection, stored.view, decoded.right),
            position: recorded.position,
          });
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
