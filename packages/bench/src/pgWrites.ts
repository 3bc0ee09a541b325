import * as E from 'fp-ts/Either';
import { STREAM_PREFIXES } from '@licheng/domain';
import { NO_STREAM, type EventStore, type ExpectedVersion, type NewEvent } from '@licheng/eventstore';
import {
  ReceiptReadModel,
  type PostgresEventStore,
  type ReceiptReadModelOptions,
  type SqlDatabase,
} from '@licheng/eventstore-postgres';
import { now, percentile } from './measure';

/**
 * Appends per second with `writers` writers at once, each appending one event at a time to streams of its
 * own (a new stream, then the next event of each in turn), through `licheng_append`: one transaction each.
 */
export const measurePgAppends = async (store: EventStore, template: NewEvent, writers: number, ms: number) => {
  let count = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const versions: ExpectedVersion[] = Array.from({ length: 20 }, () => NO_STREAM);
      for (let i = 0; now() - start < ms; i++) {
        const stream = i % versions.length;
        const eventId = `00000000-0000-5000-8${String(writer).padStart(3, '0')}-${String(i).padStart(12, '0')}`;
        const appended = await store.appendToStream(
          `benchappend-${writer}-${stream}`,
          [Object.assign({}, template, { eventId })],
          versions[stream]!,
        );
        if (E.isLeft(appended)) throw new Error(appended.left.message.en);
        versions[stream] = appended.right.nextVersion;
        count += 1;
      }
    }),
  );
  return { perSecond: count / ((now() - start) / 1000), appends: count };
};

const PREFIX_PATTERNS = Object.values(STREAM_PREFIXES).map((prefix) => `${prefix}%`);

/** The reports' read model in PostgreSQL rebuilt from the events in the database: events folded per second. */
export const measurePgRebuild = async (
  db: SqlDatabase,
  store: PostgresEventStore,
  options: ReceiptReadModelOptions = {},
) => {
  const { rows } = await db.query<{ n: string }>(
    'select count(*) as n from licheng_events where stream_name like any($1::text[])',
    [PREFIX_PATTERNS],
  );
  const events = Number(rows[0]!.n);
  const start = now();
  await new ReceiptReadModel(db, store, options).rebuild();
  const seconds = (now() - start) / 1000;
  return { events, seconds, eventsPerSecond: events / seconds };
};

/**
 * Append → read-model row committed: the reports' read model runs live (LISTEN/NOTIFY), and each sample
 * appends one event through `append` and waits until the read model's transaction holding that event (its
 * rows and its checkpoint) has committed. Seen through the database handle the read model writes with: a
 * fold's transaction resolves, after its commit, to the checkpoint it wrote.
 */
export const measurePgProjectionLag = async (
  db: SqlDatabase,
  store: PostgresEventStore,
  samples: number,
  append: (sample: number) => Promise<{ position: number; appendedAt: number; storedAt: number }>,
) => {
  let committed = -1;
  let waiting: { position: number; resolve: (at: number) => void } | null = null;
  const observed: SqlDatabase = {
    query: (text, params) => db.query(text, params),
    listen: (channel, onNotify, onLost) => db.listen(channel, onNotify, onLost),
    close: () => db.close(),
    transaction: async (work) => {
      const result = await db.transaction(work);
      const at = now();
      if (typeof result === 'number') committed = Math.max(committed, result);
      if (waiting && committed >= waiting.position) waiting.resolve(at);
      return result;
    },
  };
  const readModel = new ReceiptReadModel(observed, store);
  let failure: unknown = null;
  const subscription = await readModel.start({ onError: (error) => (failure = error) });
  const lags: number[] = [];
  const afterStore: number[] = [];
  try {
    for (let i = 0; i < samples + 20; i++) {
      const { position, appendedAt, storedAt } = await append(i);
      let timer: NodeJS.Timeout | undefined;
      const at = await new Promise<number>((resolve, reject) => {
        if (committed >= position) return resolve(now());
        waiting = { position, resolve };
        timer = setTimeout(() => reject(new Error(`not folded in 10 s: ${String(failure)}`)), 10_000);
      });
      clearTimeout(timer);
      waiting = null;
      if (i < 20) continue;
      lags.push(at - appendedAt);
      afterStore.push(at - storedAt);
    }
  } finally {
    await subscription.close();
  }
  return {
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: Math.max(...lags),
    samples: lags.length,
    /** From the append's own commit (its call resolved) to the read model's: the projection's part alone. */
    afterStoreP50: percentile(afterStore, 50),
    afterStoreP99: percentile(afterStore, 99),
  };
};
