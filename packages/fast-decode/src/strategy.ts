import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { AnyCodec } from './codecs';
import { compileDecoder, INVALID, type Compiled } from './compile';
import { generateDecoder } from './generate';

const compiledCodecs = new WeakMap<AnyCodec, Compiled>();

/**
 * The generated decoder, or the closures of `compileDecoder` where the runtime refuses to compile source
 * (`new Function` then throws an EvalError); both give io-ts's answers. Any other error is the generator's own
 * fault and is thrown, not hidden behind the slower decoder.
 */
export const decoderFor = (codec: AnyCodec, generate: (codec: AnyCodec) => Compiled = generateDecoder): Compiled => {
  try {
    return generate(codec);
  } catch (error) {
    if (error instanceof EvalError) return compileDecoder(codec);
    throw error;
  }
};

/** Compiled once per codec, however often a caller asks for its decoder. */
export const compiledOf = (codec: AnyCodec): Compiled => {
  let compiled = compiledCodecs.get(codec);
  if (compiled === undefined) compiledCodecs.set(codec, (compiled = decoderFor(codec)));
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
