/// <reference types="node" />
import { isDeepStrictEqual } from 'node:util';
import * as E from 'fp-ts/Either';
import { diff } from 'jest-diff';
import { foldEvents, formatError, type Decider, type DomainError } from '../index';

/** Thrown when a specification does not hold; the message carries a readable diff. */
export class SpecificationFailed extends Error {
  override readonly name = 'SpecificationFailed';
}

const fail = (what: string, expected: unknown, actual: unknown): never => {
  throw new SpecificationFailed(`${what}\n${diff(expected, actual, { expand: false }) ?? ''}`);
};

export interface Then<Event, State> {
  /** The command succeeds with exactly these events, in order. */
  readonly then: (...expected: ReadonlyArray<Event>) => void;
  /** The command is refused with this code (and rule, when given); returns the error for further checks. */
  readonly thenError: (code: string, rule?: string | null) => DomainError;
  /** The command succeeds; returns its events and the state after them. */
  readonly thenSucceeds: () => { readonly events: ReadonlyArray<Event>; readonly state: State };
}

export interface When<Command, Event, State, Context> {
  readonly when: (command: Command, context: Context) => Then<Event, State>;
  /** The state folded from the given events. */
  readonly state: State;
}

/**
 * Given events / when command / then events or error, for any decider. It works in any test runner:
 * a mismatch throws `SpecificationFailed` with a diff of expected against actual.
 */
export const specify =
  <Command, Event, State, Context>(decider: Decider<Command, Event, State, Context>) =>
  (...given: ReadonlyArray<Event>): When<Command, Event, State, Context> => {
    const state = foldEvents(decider.evolve, decider.initialState(), given);
    return {
      state,
      when: (command, context) => {
        const result = decider.decide(command, state, context);
        return {
          then: (...expected) => {
            if (E.isLeft(result))
              fail(`expected events, got the refusal ${formatError(result.left)}`, expected, result.left);
            else if (!isDeepStrictEqual([...result.right], [...expected]))
              fail('the events differ', expected, result.right);
          },
          thenError: (code, rule) => {
            if (E.isRight(result))
              return fail(`expected the refusal ${code}, got events`, { code, rule }, result.right);
            const actual = result.left;
            const wanted = rule === undefined ? { code } : { code, rule };
            const got = rule === undefined ? { code: actual.code } : { code: actual.code, rule: actual.rule };
            if (!isDeepStrictEqual(wanted, got))
              fail(`expected another refusal; got ${formatError(actual)}`, wanted, got);
            if (!actual.message['zh-TW'] || !actual.message.en)
              fail('a refusal must carry both messages', 'zh-TW and en', actual.message);
            return actual;
          },
          thenSucceeds: () => {
            if (E.isLeft(result))
              return fail(`expected success, got ${formatError(result.left)}`, 'events', result.left);
            return { events: result.right, state: foldEvents(decider.evolve, state, result.right) };
          },
        };
      },
    };
  };
