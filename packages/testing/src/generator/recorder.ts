import * as E from 'fp-ts/Either';
import type { Draft } from 'immer';
import type { Actor, TaipeiInstant, Tagged } from '@licheng/domain';
import { GENESIS_HASH, linkHash, type Aggregate, type NewEvent } from '@licheng/eventstore';
import { fastEventId } from './fast';

/** One generated stream: its events exactly as the command handler would have stored them. */
export interface GeneratedStream {
  readonly streamName: string;
  readonly events: ReadonlyArray<NewEvent>;
}

export interface RecorderOptions {
  /** Chain each event's hash onto the one before, as the handler does (docs/audit.md); true when absent. */
  readonly hashChain?: boolean;
}

/**
 * Decides commands with the real decider against the state folded so far and records what it decides,
 * with the metadata the command handler writes (the command itself, ids, hash chain). A refusal is a bug
 * in the generator, so it throws: every generated event is one a command really produced.
 */
export class StreamRecorder<Command extends Tagged, Event extends Tagged, State, Context> {
  readonly events: NewEvent[] = [];
  /** Folded in place: the recorder owns it (the fold contract, shared/decider.ts in @licheng/domain). */
  readonly state: State;
  private prevHash = GENESIS_HASH;
  private commands = 0;

  constructor(
    private readonly aggregate: Aggregate<Command, Event, State, Context>,
    readonly streamName: string,
    private readonly commandPrefix: string,
    private readonly options: RecorderOptions = {},
  ) {
    this.state = aggregate.decider.initialState();
  }

  exec(now: TaipeiInstant, actor: Actor, command: Command, context: Context): ReadonlyArray<Event> {
    const decided = this.aggregate.decider.decide(command, this.state, context);
    if (E.isLeft(decided)) {
      throw new Error(
        `generator: ${command.type} on ${this.streamName} at ${now} was refused: ${decided.left.message.en}`,
      );
    }
    const commandId = `${this.commandPrefix}${this.commands++}`;
    const metadata = { occurredAt: now, actor, commandId, correlationId: commandId, causationId: commandId };
    const recorded = { type: command.type, data: command.data };
    const chained = this.options.hashChain !== false;
    // As the handler builds them: the serializer's event, the recorded command, then the chained hash.
    decided.right.forEach((event, index) => {
      const newEvent = this.aggregate.serializer.toNewEvent(
        event,
        metadata,
        fastEventId(this.streamName, commandId, index),
      );
      // Object.assign: on Node 20 a spread followed by more keys costs about thirty times as much.
      const stored: Record<string, unknown> = Object.assign({}, newEvent.metadata, { command: recorded });
      if (chained)
        stored['hash'] = this.prevHash = linkHash(this.prevHash, {
          type: newEvent.type,
          data: newEvent.data,
          metadata: stored,
        });
      this.events.push({ eventId: newEvent.eventId, type: newEvent.type, data: newEvent.data, metadata: stored });
    });
    for (const event of decided.right) this.aggregate.decider.evolve(this.state as Draft<State>, event);
    return decided.right;
  }

  stream(): GeneratedStream {
    return { streamName: this.streamName, events: this.events };
  }
}
