// `@licheng/fast-decode`: io-ts's decode, compiled. The domain defines its codecs with io-ts and decodes with
// io-ts; @licheng/eventstore plugs this strategy in where every stored event and command passes
// (docs/decisions/0016-fast-decoding-outside-the-domain.md).

export { type AnyCodec, COMPILED_TAGS } from './codecs';
export { type Compiled, compileDecoder, INVALID } from './compile';
export { generateDecoder } from './generate';
export { compiledOf, fastDecode } from './strategy';
