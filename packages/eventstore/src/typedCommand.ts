import type { CommandMeta, PortfolioCommand, SchoolCommand, SubmissionCommand } from '@licheng/domain';
import type * as t from 'io-ts';

/**
 * A value as a caller writes it: branded strings and numbers (an `Id`, a `TaipeiInstant`) are plain ones,
 * literal unions (`'student' | 'parent' | …`, command types) are kept. The codecs still check the brands.
 */
export type Plain<T> = T extends string & t.Brand<unknown>
  ? string
  : T extends number & t.Brand<unknown>
    ? number
    : T extends string | number | boolean | null | undefined
      ? T
      : T extends ReadonlyArray<infer U>
        ? ReadonlyArray<Plain<U>>
        : T extends object
          ? { [K in keyof T]: Plain<T[K]> }
          : T;

/** One command of the domain, `{ type, data }`, as the codecs define it: an editor completes and checks it. */
export type LichengCommandBody = Plain<SchoolCommand> | Plain<PortfolioCommand> | Plain<SubmissionCommand>;

/** The command type names. */
export type LichengCommandType = LichengCommandBody['type'];

/**
 * A typed command for `service.dispatch`: the envelope of `execute`, with `type` and `data` checked by the
 * compiler against the domain's command union (a misspelt type, role or field does not compile).
 */
export type LichengCommand = Plain<CommandMeta> & LichengCommandBody;
