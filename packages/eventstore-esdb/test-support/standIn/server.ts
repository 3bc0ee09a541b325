import { randomUUID } from 'node:crypto';
import {
  AllStreamPosition,
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  Code,
  Empty,
  ReadReq,
  ReadResp,
  ServerFeaturesService,
  StreamIdentifier,
  StreamsService,
  Status,
  SupportedMethod,
  SupportedMethods,
  UUID,
  WrongExpectedVersion,
  type AppendReqOptions,
  type BatchAppendReq as BatchAppendReqMessage,
  type IServerFeaturesServer,
  type IStreamsServer,
  type ReadReqOptions,
} from './protocol';
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  ANY,
  InvalidPositionError,
  matches,
  NO_STREAM,
  STREAM_EXISTS,
  TransactionLog,
  type CommitResult,
  type EventFilter,
  type ProposedEvent,
  type StoredEvent,
} from './log';

export interface StandInOptions {
  /**
   * Advertise and serve Streams.BatchAppend, as 21.10 and later do; the client then appends through it.
   * Without it the client falls back to Streams.Append, as it does with a 20.10 server. Default true.
   */
  readonly batchAppend?: boolean;
  /**
   * Answer a recognised repeat with the position of the earlier write, as 22.10 and later do (they look it
   * up). Without it a repeat is answered with "no position", as older servers do. Default true.
   */
  readonly positionOnRepeats?: boolean;
}

export interface StandInStats {
  /** Batches the log wrote, and batches it recognised as repeats and did not write again. */
  written: number;
  idempotent: number;
  conflicts: number;
  subscriptionsOpened: number;
  subscriptionsDropped: number;
  repliesLost: number;
}

/** An EventStoreDB single node, as far as the adapter talks to one, on a real loopback gRPC socket. */
export interface StandIn {
  readonly port: number;
  /** `esdb://127.0.0.1:PORT?tls=false`: an insecure single node. */
  readonly connectionString: string;
  readonly log: TransactionLog;
  readonly stats: StandInStats;
  /** The next `count` appends are written, then their replies are lost: the call fails with UNAVAILABLE. */
  loseNextAppendReplies(count?: number): void;
  /** Ends every open subscription with UNAVAILABLE, as a restarting or overloaded server does. */
  dropSubscriptions(): number;
  /** The next `times` subscriptions are each dropped right after sending their `events`-th event. */
  dropSubscriptionsAfter(events: number, times?: number): void;
  stop(): Promise<void>;
}

const SUBSCRIPTION_WINDOW = 32; // the server's ReadBatchSize, used when the filter asks for no window

const unavailable = (details: string): Partial<grpc.StatusObject> => ({ code: grpc.status.UNAVAILABLE, details });
const failed = (code: grpc.status, details: string): Partial<grpc.StatusObject> => ({ code, details });

const uuidString = (uuid: UUID | undefined): string => {
  if (!uuid) throw new Error('missing UUID');
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured()!;
  const hex = (value: string) => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
  const all = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`;
};

const toUuid = (id: string, asString: boolean): UUID => {
  const uuid = new UUID();
  if (asString) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const structured = new UUID.Structured();
  structured.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  structured.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(structured);
};

const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? []).toString('utf8');

interface Proposed {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** The server requires `type` and `content-type` on every proposed event. */
const toProposed = (message: Proposed): ProposedEvent => {
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (type === undefined || contentType === undefined)
    throw new Error('required metadata property missing: type and content-type');
  return {
    eventId: uuidString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
};

const readEvent = (event: StoredEvent, uuidAsString: boolean): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(toUuid(event.eventId, uuidAsString));
  recorded.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')));
  recorded.setStreamRevision(String(event.revision));
  // Self-committed: commit and prepare positions are both the record's own position (22.10+ sends them on stream reads
  // too).
  recorded.setCommitPosition(String(event.position));
  recorded.setPreparePosition(String(event.position));
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('created', String(event.created))
    .set('content-type', event.contentType);
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(String(event.position));
  return new ReadResp().setEvent(read);
};

const filterOf = (options: ReadReqOptions): { filter: EventFilter | null; window: number; multiplier: number } => {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return { filter: null, window: SUBSCRIPTION_WINDOW, multiplier: 1 };
  const on = filter.hasStreamIdentifier() ? 'stream' : 'type';
  const expression = filter.hasStreamIdentifier() ? filter.getStreamIdentifier() : filter.getEventType();
  return {
    filter: { on, prefixes: expression?.getPrefixList() ?? [], regex: expression?.getRegex() ?? '' },
    window: filter.hasMax() ? filter.getMax() : SUBSCRIPTION_WINDOW,
    multiplier: filter.getCheckpointintervalmultiplier(),
  };
};

/** Writes with back-pressure: waits for the socket to drain, or for the call to end. */
const send = (call: grpc.ServerWritableStream<ReadReq, ReadResp>, message: ReadResp): Promise<void> => {
  if (call.write(message)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
};

class LiveSubscription {
  ended = false;
  sent = 0;
  private wake: (() => void) | undefined;

  constructor(
    readonly call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    readonly dropAfter: number | undefined,
  ) {}

  /** Resolves on the next write to the log, or when the subscription ends. */
  nextWrite(log: TransactionLog): Promise<void> {
    return new Promise((resolve) => {
      const stopListening = log.onWrite(() => this.wake?.());
      this.wake = () => {
        this.wake = undefined;
        stopListening();
        resolve();
      };
      if (this.ended) this.wake();
    });
  }

  end(status?: Partial<grpc.StatusObject>): void {
    if (this.ended) return;
    this.ended = true;
    this.wake?.();
    if (status) this.call.emit('error', status);
  }
}

export const startStandIn = async (options: StandInOptions = {}): Promise<StandIn> => {
  const batchAppendEnabled = options.batchAppend ?? true;
  const positionOnRepeats = options.positionOnRepeats ?? true;
  const log = new TransactionLog();
  const stats: StandInStats = {
    written: 0,
    idempotent: 0,
    conflicts: 0,
    subscriptionsOpened: 0,
    subscriptionsDropped: 0,
    repliesLost: 0,
  };
  const subscriptions = new Set<LiveSubscription>();
  let repliesToLose = 0;
  let dropPlan: { events: number; times: number } | undefined;

  const commit = (streamName: string, expected: bigint, events: ReadonlyArray<ProposedEvent>): CommitResult => {
    const result = log.commit(streamName, expected, events);
    if (result.kind === 'written') stats.written++;
    else if (result.kind === 'idempotent') stats.idempotent++;
    else stats.conflicts++;
    return result;
  };

  const loseReply = (): boolean => {
    if (repliesToLose === 0) return false;
    repliesToLose--;
    stats.repliesLost++;
    return true;
  };

  const readStream = async (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReqOptions,
  ): Promise<void> => {
    const streamOptions = options.getStream()!;
    const identifier = streamOptions.getStreamIdentifier();
    const events = log.stream(streamNameOf(identifier));
    if (!events) {
      call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier)));
      call.end();
      return;
    }
    const asString = options.getUuidOption()?.hasString() ?? false;
    let count = BigInt(options.getCount());
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const last = events.length - 1;
    const revision = streamOptions.hasRevision() ? Number(BigInt(streamOptions.getRevision())) : undefined;
    const from = forwards
      ? (revision ?? (streamOptions.hasEnd() ? events.length : 0))
      : Math.min(revision ?? (streamOptions.hasEnd() ? last : 0), last);
    for (let i = from; count > 0n && i >= 0 && i < events.length; i += forwards ? 1 : -1, count--) {
      await send(call, readEvent(events[i]!, asString));
      if (call.cancelled) return;
    }
    call.end();
  };

  const readAll = async (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReqOptions,
  ): Promise<void> => {
    if (options.getReadDirection() !== ReadReq.Options.ReadDirection.FORWARDS) {
      call.emit('error', failed(grpc.status.UNIMPLEMENTED, 'the stand-in reads $all forwards only'));
      return;
    }
    const all = options.getAll()!;
    const start = all.hasPosition()
      ? log.indexAt(BigInt(all.getPosition()!.getCommitPosition()))
      : all.hasEnd()
        ? log.eventCount
        : 0;
    const { filter } = filterOf(options);
    const asString = options.getUuidOption()?.hasString() ?? false;
    let count = BigInt(options.getCount());
    for (let i = start; count > 0n && i < log.eventCount; i++) {
      const event = log.at(i)!;
      if (!matches(filter, event)) continue;
      await send(call, readEvent(event, asString));
      if (call.cancelled) return;
      count--;
    }
    call.end();
  };

  const subscribeToAll = async (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReqOptions,
  ): Promise<void> => {
    const all = options.getAll()!;
    const { filter, window, multiplier } = filterOf(options);
    if (multiplier === 0) throw new Error('checkpointIntervalMultiplier must be positive');
    const interval = window * multiplier;
    const asString = options.getUuidOption()?.hasString() ?? false;
    // From a position: the server reads the first event at or after it and starts after that one.
    let index = all.hasPosition()
      ? Math.min(log.indexAt(BigInt(all.getPosition()!.getCommitPosition())) + 1, log.eventCount)
      : all.hasEnd()
        ? log.eventCount
        : 0;
    const planned = dropPlan && dropPlan.times > 0 ? dropPlan : undefined;
    if (planned) planned.times--;
    const subscription = new LiveSubscription(call, planned?.events);
    subscriptions.add(subscription);
    stats.subscriptionsOpened++;
    const finish = () => {
      subscription.end();
      subscriptions.delete(subscription);
    };
    call.on('cancelled', finish);
    call.on('close', finish);
    try {
      await send(
        call,
        new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())),
      );
      let considered = 0;
      let caughtUp = false;
      while (!subscription.ended) {
        if (index >= log.eventCount) {
          if (!caughtUp) {
            caughtUp = true;
            await send(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
            continue; // the log may have grown while that was sent
          }
          // Checked and awaited in the same turn: no write can slip in between.
          await subscription.nextWrite(log);
          continue;
        }
        // One page of the search window; a checkpoint each time `interval` events have been considered.
        let checkpoint = log.at(index)!.position;
        for (let n = 0; n < window && index < log.eventCount && !subscription.ended; n++) {
          const event = log.at(index++)!;
          considered++;
          if (!matches(filter, event)) continue;
          await send(call, readEvent(event, asString));
          checkpoint = event.position;
          subscription.sent++;
          if (subscription.dropAfter !== undefined && subscription.sent >= subscription.dropAfter) {
            stats.subscriptionsDropped++;
            subscription.end(unavailable('the stand-in dropped the subscription mid-stream'));
          }
        }
        if (considered >= interval && !subscription.ended) {
          considered %= interval;
          const position = new ReadResp.Checkpoint()
            .setCommitPosition(String(checkpoint))
            .setPreparePosition(String(checkpoint));
          await send(call, new ReadResp().setCheckpoint(position));
        }
      }
    } finally {
      finish();
    }
  };

  const streams: IStreamsServer = {
    read: (call) => {
      const options = call.request.getOptions();
      const run = async () => {
        if (!options) throw new Error('missing read options');
        if (options.hasStream()) {
          if (options.hasSubscription()) {
            call.emit('error', failed(grpc.status.UNIMPLEMENTED, 'the stand-in has no stream subscriptions'));
            return;
          }
          await readStream(call, options);
        } else if (options.hasSubscription()) await subscribeToAll(call, options);
        else await readAll(call, options);
      };
      run().catch((error: unknown) => {
        const code = error instanceof InvalidPositionError ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
        if (!call.cancelled) call.emit('error', failed(code, error instanceof Error ? error.message : String(error)));
      });
    },

    append: (call, callback) => {
      let header: AppendReqOptions | undefined;
      const events: ProposedEvent[] = [];
      let refused: Error | undefined;
      call.on('data', (request: AppendReq) => {
        try {
          if (!header) {
            header = request.getOptions();
            if (!header) throw new Error('the first message of an append must hold its options');
          } else events.push(toProposed(request.getProposedMessage()!));
        } catch (error) {
          refused ??= error as Error;
        }
      });
      call.on('end', () => {
        if (refused || !header) return callback(failed(grpc.status.INVALID_ARGUMENT, refused?.message ?? 'no options'));
        const Case = AppendReq.Options.ExpectedStreamRevisionCase;
        const expected = ((): bigint => {
          switch (header.getExpectedStreamRevisionCase()) {
            case Case.REVISION:
              return BigInt(header.getRevision());
            case Case.NO_STREAM:
              return NO_STREAM;
            case Case.STREAM_EXISTS:
              return STREAM_EXISTS;
            default:
              return ANY;
          }
        })();
        const result = commit(streamNameOf(header.getStreamIdentifier()), expected, events);
        if (result.kind !== 'wrong_expected_version' && loseReply())
          return callback(unavailable('the stand-in lost the reply'));
        const response = new AppendResp();
        if (result.kind === 'wrong_expected_version') {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (result.current < 0) wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(String(result.current));
          if (expected === ANY) wrong.setExpectedAny(new Empty());
          else if (expected === NO_STREAM) wrong.setExpectedNoStream(new Empty());
          else if (expected === STREAM_EXISTS) wrong.setExpectedStreamExists(new Empty());
          else wrong.setExpectedRevision(String(expected));
          response.setWrongExpectedVersion(wrong);
        } else {
          const success = new AppendResp.Success();
          if (result.lastRevision < 0) success.setNoStream(new Empty());
          else success.setCurrentRevision(String(result.lastRevision));
          if (result.kind === 'idempotent' && !positionOnRepeats) success.setNoPosition(new Empty());
          else
            success.setPosition(
              new AppendResp.Position()
                .setCommitPosition(String(result.position))
                .setPreparePosition(String(result.position)),
            );
          response.setSuccess(success);
        }
        callback(null, response);
      });
    },

    batchAppend: (call) => {
      interface Pending {
        readonly identifier: StreamIdentifier | undefined;
        readonly expected: bigint;
        readonly events: ProposedEvent[];
      }
      const pending = new Map<string, Pending>();
      call.on('data', (request: BatchAppendReqMessage) => {
        const correlation = uuidString(request.getCorrelationId());
        const response = new BatchAppendResp().setCorrelationId(request.getCorrelationId());
        const header = request.getOptions();
        if (header) {
          const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
          const expected = ((): bigint => {
            switch (header.getExpectedStreamPositionCase()) {
              case Case.STREAM_POSITION:
                return BigInt(header.getStreamPosition());
              case Case.NO_STREAM:
                return NO_STREAM;
              case Case.STREAM_EXISTS:
                return STREAM_EXISTS;
              default:
                return ANY;
            }
          })();
          pending.set(correlation, { identifier: header.getStreamIdentifier(), expected, events: [] });
        }
        const write = pending.get(correlation);
        if (!write) return;
        response.setStreamIdentifier(write.identifier);
        try {
          write.events.push(...request.getProposedMessagesList().map(toProposed));
        } catch (error) {
          pending.delete(correlation);
          const status = new Status().setCode(Code.INVALID_ARGUMENT).setMessage((error as Error).message);
          call.write(response.setError(status));
          return;
        }
        if (!request.getIsFinal()) return;
        pending.delete(correlation);
        const result = commit(streamNameOf(write.identifier), write.expected, write.events);
        if (result.kind !== 'wrong_expected_version' && loseReply()) {
          call.emit('error', unavailable('the stand-in lost the reply'));
          return;
        }
        if (result.kind === 'wrong_expected_version') {
          const wrong = new WrongExpectedVersion();
          if (result.current < 0) wrong.setCurrentNoStream(new ProtobufEmpty());
          else wrong.setCurrentStreamRevision(String(result.current));
          if (write.expected === ANY) wrong.setExpectedAny(new ProtobufEmpty());
          else if (write.expected === NO_STREAM) wrong.setExpectedNoStream(new ProtobufEmpty());
          else if (write.expected === STREAM_EXISTS) wrong.setExpectedStreamExists(new ProtobufEmpty());
          else wrong.setExpectedStreamPosition(String(write.expected));
          const details = new Any();
          details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
          response.setError(
            new Status().setCode(Code.ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(details),
          );
        } else {
          const success = new BatchAppendResp.Success();
          if (result.lastRevision < 0) success.setNoStream(new ProtobufEmpty());
          else success.setCurrentRevision(String(result.lastRevision));
          if (result.kind === 'idempotent' && !positionOnRepeats) success.setNoPosition(new ProtobufEmpty());
          else
            success.setPosition(
              new AllStreamPosition()
                .setCommitPosition(String(result.position))
                .setPreparePosition(String(result.position)),
            );
          response.setSuccess(success);
        }
        call.write(response);
      });
      call.on('end', () => call.end());
      call.on('error', () => undefined);
    },

    delete: (_call, callback) => callback(failed(grpc.status.UNIMPLEMENTED, 'the stand-in does not delete streams')),
    tombstone: (_call, callback) =>
      callback(failed(grpc.status.UNIMPLEMENTED, 'the stand-in does not tombstone streams')),
  };

  const features: IServerFeaturesServer = {
    getSupportedMethods: (_call, callback) => {
      const method = (service: string, name: string, ...features: string[]) =>
        new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
      const methods = [
        method('event_store.client.streams.streams', 'read', 'position', 'events'),
        method('event_store.client.streams.streams', 'append'),
        method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
      ];
      if (batchAppendEnabled)
        methods.push(method('event_store.client.streams.streams', 'batchappend', 'deadline_duration'));
      callback(null, new SupportedMethods().setEventStoreServerVersion('23.10.0').setMethodsList(methods));
    },
  };

  const server = new grpc.Server();
  server.addService(StreamsService, batchAppendEnabled ? streams : { ...streams, batchAppend: undefined as never });
  server.addService(ServerFeaturesService, features);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  return {
    port,
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    stats,
    loseNextAppendReplies: (count = 1) => {
      repliesToLose += count;
    },
    dropSubscriptions: () => {
      const open = [...subscriptions];
      for (const subscription of open) {
        stats.subscriptionsDropped++;
        subscription.end(unavailable('the stand-in dropped the subscription'));
      }
      return open.length;
    },
    dropSubscriptionsAfter: (events, times = 1) => {
      dropPlan = { events, times };
    },
    stop: async () => {
      for (const subscription of subscriptions) subscription.end();
      subscriptions.clear();
      server.forceShutdown();
    },
  };
};
