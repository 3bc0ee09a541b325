import type * as t from 'io-ts';
import type { RuleId } from './rules';

/** What a codec cannot say of an event: the catalogue (docs/events.md) prints it beside the codec's fields. */
export interface EventDoc<Command extends string> {
  /** What the event records, in a sentence or a few. */
  readonly meaning: string;
  /** The rules of RULES.md the event stands for or was checked against. */
  readonly rules: ReadonlyArray<RuleId>;
  /** The commands whose decision records it. */
  readonly commands: ReadonlyArray<Command>;
}

/**
 * One entry per event codec of a group, keyed by event type: a codec added to the group without its entry
 * does not compile. Each aggregate keeps its entries in `events.docs.ts` beside its `events.ts`.
 */
export type EventDocs<Codecs extends ReadonlyArray<t.Mixed>, Command extends string> = Readonly<
  Record<t.TypeOf<Codecs[number]>['type'], EventDoc<Command>>
>;
