// The server's behaviour, asked through the old client (the stand-in then speaks its message classes).
import '../test-support/standIn/oldClient';
import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  ANY,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Position,
} from '@eventstore/db-client';
import { realServerConnectionString } from '../test-support/realServer';
import { startStandIn, type StandIn } from '../test-support/standIn/server';
import { connectionStringFor } from './connect';

/**
 * What the adapter relies on from the server, asked through the client itself. It runs against the
 * stand-in always and against a real server when EVENTSTORE_CONNECTION_STRING is set, so the stand-in
 * can be checked against the real thing point by point.
 */
const targets: Array<[string, () => Promise<{ connectionString: string; stop(): Promise<void> }>]> = [
  ['the stand-in', async () => startStandIn()],
];
const real = realServerConnectionString();
if (real)
  targets.push([
    'a real server',
    async () => ({ connectionString: connectionStringFor(real, '@eventstore/db-client'), stop: async () => undefined }),
  ]);

const event = (type: string, id: string = randomUUID()) => jsonEvent({ id, type, data: { type } });

describe.each(targets)('EventStoreDB behaviour the adapter relies on: %s', (_name, start) => {
  let server: { connectionString: string; stop(): Promise<void> } | StandIn;
  let client: EventStoreDBClient;
  const stream = () => `behaviour-${randomUUID()}`;

  beforeAll(async () => {
    server = await start();
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  const append = (name: string, ids: ReadonlyArray<string>, expectedRevision: AppendExpectedRevision) =>
    client.appendToStream(
      name,
      ids.map((id) => event('T', id)),
      { expectedRevision },
    );
  const read = async (name: string) => {
    const events = [];
    for await (const resolved of client.readStream(name)) events.push(resolved.event!);
    return events;
  };
  const conflict = async (attempt: Promise<unknown>) => {
    const error: unknown = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    return error as WrongExpectedVersionError;
  };

  it('gives every event equal commit and prepare positions, increasing with gaps, on stream reads too', async () => {
    const name = stream();
    const result = await append(name, [randomUUID(), randomUUID(), randomUUID()], NO_STREAM);
    const events = await read(name);
    const commits = events.map((e) => e.position!.commit);
    expect(events.map((e) => e.position!.prepare)).toEqual(commits);
    expect(commits.every((c, i) => i === 0 || c > commits[i - 1]! + 1n)).toBe(true);
    // The append answers with the position of its last event.
    expect(result.position).toEqual(events[2]!.position);
    expect(result.nextExpectedRevision).toBe(2n);
  });

  it('reads $all from a position including the event there; a subscription from it starts after it', async () => {
    const name = stream();
    await append(name, [randomUUID(), randomUUID(), randomUUID()], NO_STREAM);
    const [first, second, third] = await read(name);
    const from: Position = first!.position!;
    const read3: string[] = [];
    for await (const resolved of client.readAll({ fromPosition: from, maxCount: 3 })) read3.push(resolved.event!.id);
    expect(read3[0]).toBe(first!.id);
    const subscribed: AllStreamResolvedEvent[] = [];
    const subscription = client.subscribeToAll({ fromPosition: from, filter: streamNameFilter({ prefixes: [name] }) });
    for await (const resolved of subscription) {
      subscribed.push(resolved);
      if (subscribed.length === 2) break;
    }
    await subscription.unsubscribe();
    expect(subscribed.map((r) => r.event!.id)).toEqual([second!.id, third!.id]);
  });

  it('sends checkpoints on a filtered subscription as it considers events that do not match', async () => {
    const other = stream();
    const wanted = stream();
    const start = (await append(other, [randomUUID()], NO_STREAM)).position!;
    for (let i = 0; i < 5; i++)
      await append(
        other,
        Array.from({ length: 10 }, () => randomUUID()),
        ANY,
      );
    await append(wanted, [randomUUID()], NO_STREAM);
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: start,
      filter: streamNameFilter({
        prefixes: [wanted],
        maxSearchWindow: 10,
        checkpointInterval: 1,
        checkpointReached: (_s, position) => void checkpoints.push(position),
      }),
    });
    for await (const resolved of subscription) {
      expect(resolved.event!.streamId).toBe(wanted);
      break;
    }
    await subscription.unsubscribe();
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.every((p) => p.commit > start.commit)).toBe(true);
  });

  it('treats a retry of the same ids at the same expected revision as done, answering the first result', async () => {
    const name = stream();
    const ids = [randomUUID(), randomUUID()];
    const first = await append(name, ids, NO_STREAM);
    await append(name, [randomUUID()], 1n);
    expect(await append(name, ids, NO_STREAM)).toEqual(first);
    expect(await append(name, ids, ANY)).toEqual(first);
    expect(await read(name)).toHaveLength(3);
  });

  it(
    'refuses a batch that differs from the events after its expected revision, and reports the ' + 'current one',
    async () => {
      const name = stream();
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await append(name, ids, NO_STREAM);
      const other = await conflict(append(name, [randomUUID()], 0n));
      expect(other.actualVersion).toBe(2n);
      // A tail of the earlier batch, at an expected revision it does not follow: refused, not a repeat.
      await conflict(append(name, ids.slice(1), NO_STREAM));
      // The right prefix, then a new id: "corrupted idempotency", refused as well.
      await conflict(append(name, [ids[1]!, randomUUID()], 0n));
      // Repeating the end of the stream and running past it.
      await conflict(append(name, [ids[2]!, randomUUID()], 1n));
      expect(await read(name)).toHaveLength(3);
    },
  );

  it('with "any", writes a batch whose first id is new even when a later id is already in the stream', async () => {
    const name = stream();
    const earlier = randomUUID();
    await append(name, [earlier], NO_STREAM);
    await append(name, [randomUUID(), earlier], ANY);
    expect((await read(name)).map((e) => e.id)).toHaveLength(3);
    // The first found and a later one not: refused.
    await conflict(append(name, [earlier, randomUUID()], ANY));
  });

  it('says a stream that does not exist is not found, and reports no current revision on a conflict', async () => {
    const name = stream();
    await expect(read(name)).rejects.toBeInstanceOf(StreamNotFoundError);
    expect((await conflict(append(name, [randomUUID()], 0n))).actualVersion).toBe('no_stream');
    expect((await conflict(append(name, [randomUUID()], 'stream_exists'))).actualVersion).toBe('no_stream');
  });
});
