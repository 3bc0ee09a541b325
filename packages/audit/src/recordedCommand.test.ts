import { decodeCommand } from '@licheng/domain';
import { boundToSchool } from '@licheng/domain/internal';
import type { EventMetadata, RecordedEvent } from '@licheng/eventstore';
import { decodeRecorded } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { decodeRecordedCommand } from './recordedCommand';
import { simulatedYear } from './testing/histories';

/**
 * The audit decodes each recorded command with the fast strategy and without the boundary copy (it built the
 * input from parsed JSON); the readable definition is the domain's io-ts decoder behind the copy. Both must
 * give the same command or the same refusal, for the commands of a school year and for edited ones.
 */
let metadatas: EventMetadata[];
beforeAll(async () => {
  const { records } = await simulatedYear(2);
  metadatas = records.map((record: RecordedEvent) => {
    const decoded = decodeRecorded(JSON.parse(JSON.stringify(record)) as RecordedEvent);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    return decoded.right.metadata;
  });
});

type Command = NonNullable<EventMetadata['command']>;

const definition = (metadata: EventMetadata, command: Command) => {
  const schoolId = (command.data as { schoolId?: unknown } | null)?.schoolId;
  return decodeCommand({
    commandId: metadata.commandId,
    now: metadata.occurredAt,
    actor: typeof schoolId === 'string' ? boundToSchool(metadata.actor, schoolId) : metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    type: command.type,
    data: command.data,
  });
};

/** A command's data with one field (at any depth) replaced, as parsed JSON again. */
const edited = (data: unknown, pick: number, value: unknown): unknown => {
  const copy = JSON.parse(JSON.stringify(data)) as unknown;
  const objects: Array<Record<string, unknown>> = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    objects.push(v as Record<string, unknown>);
    Object.values(v).forEach(walk);
  };
  walk(copy);
  const target = objects[pick % objects.length];
  if (target !== undefined) {
    const keys = Object.keys(target);
    target[keys.length === 0 ? 'added' : keys[pick % keys.length]!] = value;
  }
  return JSON.parse(JSON.stringify(copy)) as unknown;
};

describe('re-deciding decodes a recorded command', () => {
  it('as the domain decoder behind the boundary copy does, for every command of a school year', () => {
    let decoded = 0;
    for (const metadata of metadatas) {
      if (metadata.command === undefined) continue;
      const ours = decodeRecordedCommand(metadata, metadata.command);
      expect(ours).toEqual(definition(metadata, metadata.command));
      if (E.isRight(ours)) decoded += 1;
    }
    expect(decoded).toBeGreaterThan(100);
  });

  it('and refuses what it refuses, where it does, for edited commands', () => {
    const value = fc.oneof(
      fc.constantFrom('\ud800', 'x\udfff', -1, 1.5, null, true, '', '1'.repeat(300), [], {}),
      fc.jsonValue({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(fc.nat(), fc.nat(), value, fc.boolean(), (which, pick, v, asType) => {
        const metadata = metadatas[which % metadatas.length]!;
        if (metadata.command === undefined) return;
        const command: Command = asType
          ? { type: typeof v === 'string' ? v : metadata.command.type, data: metadata.command.data }
          : { type: metadata.command.type, data: edited(metadata.command.data, pick, v) };
        expect(decodeRecordedCommand(metadata, command)).toEqual(definition(metadata, command));
      }),
      { numRuns: 400 },
    );
  });
});
