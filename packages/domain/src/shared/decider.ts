import type { Either } from 'fp-ts/Either';
import type { Draft } from 'immer';
import { produce } from 'immer';
import type { DomainError } from './errors';

/**
 * The decider shape of Emmett and Equinox. `decide` is pure: everything it needs arrives as the command,
 * the folded state and the context. `evolve` is a recipe on an immer draft so that a whole batch of events
 * folds inside a single `produce` (one copy-on-write pass per load, not one per event).
 */
export interface Decider<Command, Event, State, Context> {
  readonly initialState: State;
  readonly decide: (command: Command, state: State, context: Context) => Either<DomainError, ReadonlyArray<Event>>;
  readonly evolve: (draft: Draft<State>, event: Event) => void;
}

/** Folds a batch of events onto a state in one `produce`; the result is frozen and shares what did not change. */
export const foldEvents = <Event, State>(
  evolve: (draft: Draft<State>, event: Event) => void,
  state: State,
  events: Iterable<Event>,
): State =>
  produce(state, (draft: Draft<State>) => {
    for (const event of events) evolve(draft, event);
  });
