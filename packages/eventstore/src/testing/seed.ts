import * as E from 'fp-ts/Either';
import { taipeiInstant, type Actor, type Tagged } from '@licheng/domain';
import { eventIdOf, type EventSerializer, type EventStore } from '../index';

/**
 * Writes given events straight into a stream, as a test's "given": no decider runs, so a test can set up
 * a history that commands could not build quickly (forty passed outcomes, say). Metadata marks them seeded.
 */
export const seedEvents = async <Event extends Tagged>(
  store: EventStore,
  aggregate: { readonly serializer: EventSerializer<Event> },
  streamName: string,
  events: ReadonlyArray<Event>,
  options: { readonly at?: string; readonly actor?: Actor; readonly commandId?: string } = {},
): Promise<void> => {
  const commandId = options.commandId ?? `seed-${streamName}`;
  const metadata = {
    occurredAt: taipeiInstant(options.at ?? '2022-08-01T00:00'),
    actor: options.actor ?? ({ id: 'system', role: 'system' } as Actor),
    commandId,
    correlationId: commandId,
    causationId: commandId,
  };
  const batch = events.map((event, index) =>
    aggregate.serializer.toNewEvent(event, metadata, eventIdOf(streamName, commandId, index)),
  );
  const result = await store.appendToStream(streamName, batch, 'any');
  if (E.isLeft(result)) throw new Error(result.left.message.en);
};
