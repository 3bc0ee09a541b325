import { START, type AllStreamResolvedEvent, type EventStoreDBClient, type ReadPosition } from '@eventstore/db-client';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { CallOptions, Metadata, ServiceError } from '@grpc/grpc-js';

/**
 * Client 6.2.1 offers a server-side filter only on subscriptions: its `readAll` always sends "no filter".
 * The server has filtered `$all` reads all the same (Streams.Read with `all`, `count` and `filter`, since
 * 20.6), so this sends that request over the client's own channel, through the two members the client
 * keeps for its own commands: `execute` (picks the gRPC client, reconnects on UNAVAILABLE) and
 * `callArguments` (connection name, credentials, deadline). Both are `protected` in the client's types,
 * hence this narrow view of them; the adapter pins the client's exact version for this reason.
 */
interface ClientInternals {
  execute<T>(Client: typeof StreamsClient, debugName: string, action: (client: StreamsClient) => Promise<T>): Promise<T>;
  callArguments(options: Record<string, never>, callOptions: { deadline: number }): [Metadata, CallOptions];
}

/** Events of user streams only: what a port reader means by "every stream". */
export const USER_EVENTS_REGEX = '^[^$].*';

export interface FilteredRead {
  readonly from: ReadPosition;
  readonly maxCount: number;
  /** Stream-name prefixes; absent: every event whose type is not a system type (`$…`). */
  readonly streamPrefixes: ReadonlyArray<string> | undefined;
  /** Events the server examines per internal page while looking for matches. */
  readonly searchWindow: number;
}

const request = ({ from, maxCount, streamPrefixes, searchWindow }: FilteredRead): ReadReq => {
  const all = new ReadReq.Options.AllOptions();
  if (from === START) all.setStart(new Empty());
  else if (from === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(from.commit.toString(10));
    position.setPreparePosition(from.prepare.toString(10));
    all.setPosition(position);
  }
  const expression = new ReadReq.Options.FilterOptions.Expression();
  const filter = new ReadReq.Options.FilterOptions();
  if (streamPrefixes) {
    expression.setPrefixList([...streamPrefixes]);
    filter.setStreamIdentifier(expression);
  } else {
    expression.setRegex(USER_EVENTS_REGEX);
    filter.setEventType(expression);
  }
  filter.setMax(searchWindow);
  filter.setCheckpointintervalmultiplier(1);
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  const options = new ReadReq.Options();
  options.setAll(all);
  options.setReadDirection(ReadReq.Options.ReadDirection.FORWARDS);
  options.setResolveLinks(false);
  options.setCount(String(maxCount));
  options.setFilter(filter);
  options.setUuidOption(uuid);
  return new ReadReq().setOptions(options);
};

/** Reads `$all` forwards from `from` (inclusive), server-side filtered, up to `maxCount` matching events. */
export const readAllFiltered = (client: EventStoreDBClient, read: FilteredRead): Promise<AllStreamResolvedEvent[]> => {
  const internals = client as unknown as ClientInternals;
  const req = request(read);
  return internals.execute(StreamsClient, 'readAll', (grpc) =>
    new Promise<AllStreamResolvedEvent[]>((resolve, reject) => {
      const [metadata, callOptions] = internals.callArguments({}, { deadline: Infinity });
      const events: AllStreamResolvedEvent[] = [];
      const call = grpc.read(req, metadata, callOptions);
      call.on('data', (resp: ReadResp) => {
        const event = resp.getEvent();
        if (event) events.push(convertGrpcEvent(event));
      });
      call.on('error', (error: ServiceError) => reject(error));
      call.on('end', () => resolve(events));
    }),
  );
};
