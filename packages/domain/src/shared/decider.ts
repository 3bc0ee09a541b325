import type { Either } from 'fp-ts/Either';
import type { Draft } from 'immer';
import { freezeDeep } from './freeze';
import { produce } from './immer';
import type { DomainError } from './errors';

/**
 * One step of a fold: applies one event to a state by mutating it, and touches nothing else.
 *
 * The fold contract, for every decider here and everything that folds their events:
 * - `initialState()` returns a new state on each call, owned by the caller, made of plain objects and arrays;
 * - `evolve` mutates the state it is handed, which is either an immer draft or a state its caller owns
 *   (a fresh `initialState()` nobody else has seen): a recipe mutates both alike;
 * - `evolve` is total: an event about an unknown item changes nothing rather than throwing;
 * - a state anyone else may hold is frozen; it changes only as the base of a `produce` (`foldEvents`).
 */
export type Evolve<State, Event> = (state: Draft<State>, event: Event) => void;

/**
 * The decider shape of Emmett (`typing/decider.ts`) and Equinox. `decide` is pure: everything it needs arrives
 * as the command, the folded state and the context.
 */
export interface Decider<Command, Event, State, Context, Refusal extends DomainError = DomainError> {
  readonly initialState: () => State;
  /** Refuses with `Refusal`: the domain's deciders name their layer's codes (errorCodes.ts). */
  readonly decide: (command: Command, state: State, context: Context) => Either<Refusal, ReadonlyArray<Event>>;
  readonly evolve: Evolve<State, Event>;
}

/**
 * Folds a batch onto a state others may hold, in one `produce`: the result is frozen and shares what did not
 * change (one copy-on-write pass per batch, not one per event).
 */
export const foldEvents = <Event, State>(evolve: Evolve<State, Event>, state: State, events: Iterable<Event>): State =>
  produce(state, (draft: Draft<State>) => {
    for (const event of events) evolve(draft, event);
  });

/**
 * Folds a whole stream from a new initial state: in place (the caller owns it, so no draft is needed), then
 * frozen deep before anyone else sees it. The same state `foldEvents` gives from the initial state, at a
 * fraction of the cost of a proxy per object touched over hundreds of events.
 */
export const foldFromInitial = <Event, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State => {
  const state = decider.initialState();
  for (const event of events) decider.evolve(state as Draft<State>, event);
  return freezeDeep(state);
};
