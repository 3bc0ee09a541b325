import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/Either';
import {
  canonicalJson,
  EventMetadata,
  eventIdOf,
  InMemoryEventStore,
  linkHash,
  loadStream,
  portfolioAggregate,
  schoolAggregate,
  storedHash,
  GENESIS_HASH,
  type NewEvent,
  type RecordedEvent,
} from '@licheng/eventstore';
import {
  COMMAND_DATA_CODECS,
  CommandEnvelope,
  createCommandDecoder,
  decodeCommand,
  foldEvents,
  PORTFOLIO_EVENT_CODECS,
  SCHOOL_EVENT_CODECS,
  selectionCapsFor,
  type PortfolioEvent,
  type PortfolioState,
  type SchoolState,
} from '@licheng/domain';
import { fastDecode } from '@licheng/fast-decode';
import {
  appendToStore,
  generateSchool,
  generateStudentStream,
  NdjsonEventWriter,
  studentStreams,
  writeCityLog,
  type GeneratedStream,
} from './index';

const school = generateSchool({ seed: 42, students: 8 });
const streams = [...studentStreams(school)];

/** Damages a value in one place, drawn from the seed: a field removed, added, or replaced by a wrong value. */
const damager = (seed: number) => {
  let state = seed;
  const next = (n: number) => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
  const damaged = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object')
      return [undefined, null, 0, -1, 1.5, '', ' ', 'x'.repeat(201), '2023-02-30', '1111', 'passed', '校級', {}, []][
        next(14)
      ];
    const copy: Record<string, unknown> = Array.isArray(value)
      ? ([...value] as never)
      : { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const action = next(3);
    if (action === 1 && keys.length > 0) delete copy[keys[next(keys.length)]!];
    else if (action === 2) copy[`extra${next(3)}`] = 'x';
    else if (keys.length > 0) copy[keys[next(keys.length)]!] = damaged(copy[keys[next(keys.length)]!]);
    return copy;
  };
  return damaged;
};

/** Re-decides each recorded command against the stream so far, as `licheng audit verify` does. */
const reDecide = (stream: GeneratedStream, policy: SchoolState): PortfolioState => {
  let state = portfolioAggregate.decider.initialState();
  const groups: NewEvent[][] = [];
  for (const event of stream.events) {
    const last = groups[groups.length - 1];
    const commandId = (event.metadata as { commandId: string }).commandId;
    if (last && (last[0]!.metadata as { commandId: string }).commandId === commandId) last.push(event);
    else groups.push([event]);
  }
  for (const group of groups) {
    const metadata = group[0]!.metadata as {
      commandId: string;
      occurredAt: string;
      actor: unknown;
      command: { type: string; data: unknown };
    };
    const routed = decodeCommand({
      commandId: metadata.commandId,
      now: metadata.occurredAt,
      actor: metadata.actor,
      type: metadata.command.type,
      data: metadata.command.data,
    });
    if (E.isLeft(routed) || routed.right.aggregate !== 'portfolio')
      throw new Error(`undecodable command ${metadata.commandId}`);
    const decided = portfolioAggregate.decider.decide(routed.right.command, state, {
      now: routed.right.meta.now,
      actor: routed.right.meta.actor,
      policy,
    });
    if (E.isLeft(decided)) throw new Error(`${metadata.commandId} refused: ${decided.left.message.en}`);
    expect(decided.right.map((e) => canonicalJson(e))).toEqual(
      group.map((e) => canonicalJson({ type: e.type, data: e.data })),
    );
    state = foldEvents(portfolioAggregate.decider.evolve, state, decided.right);
  }
  return state;
};

describe('the workload generator', () => {
  it('gives three-year streams of about 280 events', () => {
    const sizes = streams.map((s) => s.events.length);
    for (const size of sizes) expect(size).toBeGreaterThan(200);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(250);
    expect(mean).toBeLessThan(320);
    const types = new Set(streams.flatMap((s) => s.events.map((e) => e.type)));
    for (const type of [
      'CourseOutcomeUploaded',
      'CourseOutcomeCertified',
      'PerformanceRecorded',
      'CadreRecordSynced',
      'CourseOutcomeSelected',
      'PerformanceSelected',
      'ReceiptStatementIssued',
      'ReceiptConfirmed',
      'LearningPlanApproved',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('is deterministic for a seed', () => {
    const again = generateStudentStream({
      seed: 42,
      school: generateSchool({ seed: 42, students: 8 }),
      studentId: school.students[3]!.studentId,
    });
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(streams[3]!.events));
    const other = generateStudentStream({ seed: 43, studentId: '1090001' });
    expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(streams[0]!.events));
  });

  it('stores events that decode and fold, with the ids and hash chain the handler gives', async () => {
    const store = new InMemoryEventStore();
    await appendToStore(store, [school, ...streams]);
    const loadedSchool = await loadStream(store, schoolAggregate, school.streamName);
    expect(E.isRight(loadedSchool) && loadedSchool.right.state).toEqual(school.policy);
    for (const stream of [school, ...streams]) {
      const loaded =
        stream === school
          ? await loadStream(store, schoolAggregate, stream.streamName)
          : await loadStream(store, portfolioAggregate, stream.streamName);
      if (E.isLeft(loaded)) throw new Error(loaded.left.message.en);
      expect(loaded.right.version).toBe(stream.events.length - 1);
      let prev = GENESIS_HASH;
      stream.events.forEach((event, index) => {
        const { commandId } = event.metadata as { commandId: string };
        const first = stream.events.findIndex((e) => (e.metadata as { commandId: string }).commandId === commandId);
        expect(event.eventId).toBe(eventIdOf(stream.streamName, commandId, index - first));
        expect(storedHash(event.metadata)).toBe(linkHash(prev, event));
        prev = storedHash(event.metadata)!;
      });
    }
  });

  it('records commands that the real decider decides again the same way, within the quotas and caps', () => {
    for (const stream of streams) {
      const state = reDecide(stream, school.policy);
      const outcomes = Object.values(state.outcomes);
      const performances = Object.values(state.performances);
      for (const year of school.schoolYears) {
        const caps = selectionCapsFor(year);
        expect(outcomes.filter((o) => o.selected && o.schoolYear === year).length).toBeLessThanOrEqual(caps.outcomes);
        expect(performances.filter((p) => p.selected && p.schoolYear === year).length).toBeLessThanOrEqual(
          caps.performances,
        );
        for (const semester of [1, 2]) {
          const inTerm = outcomes.filter((o) => o.term === `${year}${semester}`);
          expect(inTerm.length).toBeLessThanOrEqual(10);
          for (const subject of new Set(inTerm.map((o) => o.subject)))
            expect(inTerm.filter((o) => o.subject === subject).length).toBeLessThanOrEqual(3);
        }
      }
      expect(state.storageBytes).toBeLessThanOrEqual(200 * 1_048_576);
      const selected = outcomes.filter((o) => o.selected);
      expect(selected.every((o) => o.status === 'passed')).toBe(true);
    }
  });

  it('decodes through the serializer exactly as io-ts decodes, for valid and for damaged events', () => {
    const damaged = damager(1);
    const codecs: Record<string, { decode: (u: unknown) => E.Either<unknown, unknown> }> = {
      ...PORTFOLIO_EVENT_CODECS,
      ...SCHOOL_EVENT_CODECS,
    };
    let refused = 0;
    for (const stream of [school, ...streams.slice(0, 3)]) {
      const serializer = stream === school ? schoolAggregate.serializer : portfolioAggregate.serializer;
      stream.events.forEach((event, revision) => {
        const stored = JSON.parse(
          JSON.stringify({
            eventId: event.eventId,
            streamName: stream.streamName,
            revision,
            position: revision,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
          }),
        ) as RecordedEvent;
        for (const record of [
          stored,
          { ...stored, data: damaged(stored.data) },
          { ...stored, metadata: damaged(stored.metadata) },
          { ...stored, data: damaged(damaged(stored.data)) },
        ]) {
          const metadata = EventMetadata.decode(record.metadata);
          const data = codecs[record.type]!.decode({ type: record.type, data: record.data });
          const result = (
            serializer as {
              decode: (r: RecordedEvent) => E.Either<{ code: string }, { event: unknown; metadata: unknown }>;
            }
          ).decode(record);
          // The version the event was written at (CourseOpened is at 2): another one would be upcast or refused.
          const expected =
            E.isRight(metadata) &&
            E.isRight(data) &&
            metadata.right.schemaVersion === (stored.metadata as { schemaVersion: number }).schemaVersion;
          expect(E.isRight(result)).toBe(expected);
          if (E.isRight(result) && E.isRight(data) && E.isRight(metadata)) {
            expect(result.right.event).toEqual(data.right);
            expect(JSON.stringify(result.right.event)).toBe(JSON.stringify(data.right));
            expect(JSON.stringify(result.right.metadata)).toBe(JSON.stringify(metadata.right));
          } else refused += 1;
        }
      });
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('decodes commands exactly as io-ts decodes them, for the recorded commands and damaged copies of them', () => {
    const damaged = damager(7);
    // The service's decoder (fast-decode's strategy) against io-ts alone.
    const decodeCommand = createCommandDecoder(fastDecode);
    const byIoTs = (input: unknown): unknown => {
      const envelope = CommandEnvelope.decode(input);
      if (E.isLeft(envelope)) return 'refused';
      const codec = COMMAND_DATA_CODECS[envelope.right.type];
      const data = codec?.decode(envelope.right.data);
      return data && E.isRight(data) ? canonicalJson({ ...envelope.right, data: data.right }) : 'refused';
    };
    let compared = 0;
    let refused = 0;
    for (const stream of [school, ...streams.slice(0, 3)]) {
      for (const event of stream.events) {
        const { occurredAt, actor, commandId, command } = event.metadata as {
          occurredAt: string;
          actor: unknown;
          commandId: string;
          command: { type: string; data: unknown };
        };
        const input = JSON.parse(
          JSON.stringify({ commandId, now: occurredAt, actor, type: command.type, data: command.data }),
        ) as Record<string, unknown>;
        for (const candidate of [
          input,
          { ...input, data: damaged(input.data) },
          damaged(input),
          { ...input, data: damaged(damaged(input.data)) },
        ]) {
          const routed = decodeCommand(candidate);
          const expected = byIoTs(candidate);
          const actual = E.isRight(routed)
            ? canonicalJson({ ...routed.right.meta, type: routed.right.command.type, data: routed.right.command.data })
            : 'refused';
          expect(actual).toBe(expected);
          // As JSON: a damaged copy may hang a non-index property on an array, which both decoders keep and JSON drops.
          if (E.isRight(routed))
            expect(JSON.parse(JSON.stringify(routed.right.command.data))).toEqual(JSON.parse(expected as string).data);
          compared += 1;
          if (actual === 'refused') refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
    expect(compared - refused).toBeGreaterThan(1_000);
  });

  it('writes NDJSON lines as a store hands events back, positions counting on', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const writer = new NdjsonEventWriter(out);
    await writer.write(school);
    await writer.write(streams[0]!);
    await writer.end();
    const lines = chunks
      .join('')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { position: number; revision: number; streamName: string; type: string });
    expect(lines).toHaveLength(school.events.length + streams[0]!.events.length);
    expect(lines.map((l) => l.position)).toEqual(lines.map((_, i) => i));
    expect(Object.keys(lines[0]!)).toEqual([
      'eventId',
      'streamName',
      'revision',
      'position',
      'type',
      'data',
      'metadata',
    ]);
    const last = lines[lines.length - 1]!;
    expect([last.streamName, last.revision]).toEqual([streams[0]!.streamName, streams[0]!.events.length - 1]);
    const decoded = portfolioAggregate.serializer.decode(lines[lines.length - 1] as never);
    expect(E.isRight(decoded) && (decoded.right.event as PortfolioEvent).type).toBe(last.type);
  });

  it(
    'writes each line exactly as JSON.stringify gives it, across chunks, with a line longer than a chunk and a slow ' +
      'reader',
    async () => {
      const out = new PassThrough({ highWaterMark: 1024 });
      const received: Buffer[] = [];
      // A reader that takes a chunk only now and then, so that the writer meets back-pressure.
      const reading = (async () => {
        for await (const chunk of out) {
          received.push(chunk as Buffer);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const event = (i: number, text: string) => ({
        eventId: `e${i}`,
        type: 'Noted',
        data: { text },
        metadata: { n: i },
      });
      const small = {
        streamName: 'notes-a',
        events: Array.from({ length: 3_000 }, (_, i) => event(i, `學習歷程 ${i} ${'x'.repeat(i % 700)}`)),
      };
      const huge = { streamName: 'notes-b', events: [event(0, '成'.repeat(1_500_000)), event(1, 'after')] };
      const writer = new NdjsonEventWriter(out, 10);
      await writer.write(small as unknown as GeneratedStream);
      await writer.write(huge as unknown as GeneratedStream);
      await writer.end();
      await reading;
      let position = 10;
      const expected = [small, huge]
        .flatMap((stream) =>
          stream.events.map(
            (e, revision) =>
              `${JSON.stringify({ eventId: e.eventId, streamName: stream.streamName, revision, position: position++, type: e.type, data: e.data, metadata: e.metadata })}\n`,
          ),
        )
        .join('');
      const bytes = Buffer.concat(received);
      expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
      expect([writer.events, writer.bytes, writer.position]).toEqual([3_002, bytes.length, 3_012]);
    },
  );

  it('writes a city log of three cohorts in one school year, school by school', async () => {
    const file = join(tmpdir(), `licheng-generator-test-${process.pid}.ndjson`);
    try {
      const log = await writeCityLog({ seed: 5, students: 12, schoolSize: 6, schoolYear: 111, file });
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(log.events);
      expect(log).toMatchObject({ schools: 2, students: 12 });
      const streamNames = new Set(lines.map((line) => (JSON.parse(line) as { streamName: string }).streamName));
      expect([...streamNames].filter((name) => name.startsWith('school-'))).toEqual([
        'school-tp_c001',
        'school-tp_c002',
      ]);
      expect(log.events / 12).toBeGreaterThan(60);
      expect(log.events / 12).toBeLessThan(130);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
