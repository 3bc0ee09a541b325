import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { AnyCodec } from './codecs';
import { compileDecoder, INVALID, type Compiled } from './compile';

const compiledCodecs = new WeakMap<AnyCodec, Compiled>();

/** Compiled once per codec, however often a caller asks for its decoder. */
export const compiledOf = (codec: AnyCodec): Compiled => {
  let compiled = compiledCodecs.get(codec);
  if (compiled === undefined) compiledCodecs.set(codec, (compiled = compileDecoder(codec)));
  return compiled;
};

/**
 * A decode strategy (the shape `@licheng/domain`'s `DecodeStrategy` names): the same answer as
 * `codec.decode`, valid input through the compiled decoder, and io-ts itself run only on input the compiled
 * decoder refuses, so that every refusal carries io-ts's own errors and paths.
 */
export const fastDecode = <A, O>(codec: t.Type<A, O, unknown>): ((input: unknown) => E.Either<t.Errors, A>) => {
  const compiled = compiledOf(codec as AnyCodec);
  return (input) => {
    const decoded = compiled(input);
    return decoded === INVALID ? codec.decode(input) : E.right(decoded as A);
  };
};
