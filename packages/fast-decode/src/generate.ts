import { hasOwn, isRecord, mergeAll, primitiveOf, propsOf, unionDispatchOf, type AnyCodec } from './codecs';
import { compileDecoder, INVALID, type Compiled } from './compile';

/**
 * `compileDecoder`'s decoder written out as JavaScript source and compiled by the engine: the same checks in the
 * same order, each field read by its own name. The closures of `compileDecoder` serve every codec alike, so
 * their reads (`a[k]` with `k` changing) and their calls (`fields[i](ak)`) see every shape and every field
 * decoder the domain has; on Node 22 and 24 that left decoding at about a third of a replay. Here every codec
 * node is a function of its own, whose property reads and calls each see one field (docs/decisions/0018).
 *
 * `compileDecoder` stays the definition: this is held equal to it and to io-ts (registries.test.ts), and
 * `compiledOf` falls back to it where the runtime refuses code built from strings (a Content Security Policy,
 * `--disallow-code-generation-from-strings`), which makes `generateDecoder` throw.
 *
 * Nothing of a codec is written into the source but its property names, as JSON string literals; literal
 * values, key sets, predicates and io-ts fallbacks are passed in as constants.
 */
export const generateDecoder = (codec: AnyCodec): Compiled => {
  const writer = new SourceWriter();
  const root = writer.decoderOf(codec);
  const source = `${writer.constants.map((_, i) => `const c${i} = constants[${i}];`).join('\n')}
${writer.functions.join('\n')}
return ${root};`;
  const build = new Function('INVALID', 'hasOwn', 'isRecord', 'mergeAll', 'constants', source) as (
    ...args: unknown[]
  ) => Compiled;
  return build(INVALID, hasOwn, isRecord, mergeAll, writer.constants);
};

const literal = (key: string): string => JSON.stringify(key);

class SourceWriter {
  readonly constants: unknown[] = [];
  readonly functions: string[] = [];
  private readonly names = new Map<AnyCodec, string>();

  /** The name of the function that decodes `codec`, written once however often the codec is met. */
  decoderOf(codec: AnyCodec): string {
    let name = this.names.get(codec);
    if (name === undefined) {
      name = `d${this.names.size}`;
      this.names.set(codec, name);
      this.functions.push(this.functionOf(codec, name));
    }
    return name;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  /** What `compileDecoder` gives: io-ts's own decode for a codec neither compiler knows. */
  private delegated(codec: AnyCodec, name: string): string {
    return `function ${name}(u) { return ${this.constant(compileDecoder(codec))}(u); }`;
  }

  private functionOf(codec: AnyCodec, name: string): string {
    switch (codec._tag) {
      case 'StringType':
      case 'NumberType':
      case 'BooleanType':
        return `function ${name}(u) { return typeof u === '${primitiveOf(codec)!}' ? u : INVALID; }`;
      case 'NullType':
        return `function ${name}(u) { return u === null ? u : INVALID; }`;
      case 'UndefinedType':
        return `function ${name}(u) { return u === undefined ? u : INVALID; }`;
      case 'UnknownType':
        return `function ${name}(u) { return u; }`;
      case 'LiteralType': {
        const value = this.constant(codec.value);
        return `function ${name}(u) { return u === ${value} ? ${value} : INVALID; }`;
      }
      case 'KeyofType': {
        const keys = this.constant(codec.keys ?? {});
        return `function ${name}(u) { return typeof u === 'string' && hasOwn.call(${keys}, u) ? u : INVALID; }`;
      }
      case 'RefinementType':
        return this.refinement(codec, name);
      case 'ArrayType': {
        const item = this.decoderOf(codec.type!);
        return `function ${name}(u) {
  if (!Array.isArray(u)) return INVALID;
  let as = u;
  for (let i = 0; i < u.length; i++) {
    const ui = u[i];
    const ai = ${item}(ui);
    if (ai === INVALID) return INVALID;
    if (ai !== ui) { if (as === u) as = u.slice(); as[i] = ai; }
  }
  return as;
}`;
      }
      case 'InterfaceType':
      case 'PartialType':
        return this.object(codec, name);
      case 'ExactType':
        return this.exact(codec, name);
      case 'IntersectionType': {
        const members = (codec.types ?? []).map((member) => this.decoderOf(member));
        if (members.length === 0) return `function ${name}(u) { return u; }`;
        const steps = members.map(
          (member, i) => `  a = ${member}(u);
  if (a === INVALID) return INVALID;
  if (us !== undefined) us.push(a);
  else if (a !== u) { us = new Array(${i}).fill(u); us.push(a); }`,
        );
        return `function ${name}(u) {\n  let us;\n  let a;\n${steps.join('\n')}\n  return us === undefined ? u : mergeAll(u, us);\n}`;
      }
      case 'UnionType':
        return this.union(codec, name);
      default:
        return this.delegated(codec, name);
    }
  }

  // As compileDecoder: the last string a brand accepted is not checked again (its predicate is pure).
  private refinement(codec: AnyCodec, name: string): string {
    const predicate = this.constant(codec.predicate);
    const accepted = `accepted_${name}`;
    if (codec.type!._tag === 'StringType')
      return `let ${accepted};
function ${name}(u) {
  if (typeof u !== 'string') return INVALID;
  if (u === ${accepted}) return u;
  if (!${predicate}(u)) return INVALID;
  if (u.length <= 256) ${accepted} = u;
  return u;
}`;
    const inner = this.decoderOf(codec.type!);
    return `let ${accepted};
function ${name}(u) {
  const a = ${inner}(u);
  if (a === INVALID) return INVALID;
  if (typeof a === 'string') {
    if (a === ${accepted}) return a;
    if (!${predicate}(a)) return INVALID;
    if (a.length <= 256) ${accepted} = a;
    return a;
  }
  return ${predicate}(a) ? a : INVALID;
}`;
  }

  // Copy on write, as io-ts: the input itself while every field decodes to itself.
  private object(codec: AnyCodec, name: string): string {
    const partial = codec._tag === 'PartialType';
    const props = codec.props ?? {};
    const fields = Object.keys(props).map((key) => {
      const k = literal(key);
      const kind = primitiveOf(props[key]!);
      if (kind !== undefined)
        return partial
          ? `  { const ak = a[${k}]; if (ak !== undefined && typeof ak !== '${kind}') return INVALID; }`
          : `  if (typeof a[${k}] !== '${kind}') return INVALID;`;
      const field = this.decoderOf(props[key]!);
      return partial
        ? `  { const ak = a[${k}]; const vak = ${field}(ak);
    if (vak === INVALID) { if (ak !== undefined) return INVALID; }
    else if (vak !== ak) { if (a === u) a = { ...u }; a[${k}] = vak; } }`
        : `  { const ak = a[${k}]; const vak = ${field}(ak);
    if (vak === INVALID) return INVALID;
    if (vak !== ak || (vak === undefined && !hasOwn.call(a, ${k}))) { if (a === u) a = { ...u }; a[${k}] = vak; } }`;
    });
    return `function ${name}(u) {\n  if (!isRecord(u)) return INVALID;\n  let a = u;\n${fields.join('\n')}\n  return a;\n}`;
  }

  // io-ts's stripKeys, allocating only when a key must go.
  private exact(codec: AnyCodec, name: string): string {
    const kept = propsOf(codec.type!);
    if (kept === undefined) return this.delegated(codec, name);
    const inner = this.decoderOf(codec.type!);
    const props = this.constant(kept);
    return `function ${name}(u) {
  if (!isRecord(u)) return INVALID;
  const o = ${inner}(u);
  if (o === INVALID) return INVALID;
  const keys = Object.getOwnPropertyNames(o);
  let i = 0;
  while (i < keys.length && hasOwn.call(${props}, keys[i])) i++;
  if (i === keys.length) return o;
  const r = {};
  for (const key of keys) if (hasOwn.call(${props}, key)) r[key] = o[key];
  return r;
}`;
  }

  private union(codec: AnyCodec, name: string): string {
    const members = codec.types ?? [];
    const dispatch = unionDispatchOf(members);
    if (dispatch.kind === 'io-ts') return this.delegated(codec, name);
    const decoders = members.map((member) => this.decoderOf(member));
    if (dispatch.kind === 'in-order')
      return `function ${name}(u) {\n  let a;\n${decoders.map((d) => `  a = ${d}(u); if (a !== INVALID) return a;`).join('\n')}\n  return INVALID;\n}`;
    const tags = dispatch.tags.map((tag) => this.constant(tag));
    const byTag = `byTag_${name}`;
    return `const ${byTag} = new Map([${tags.map((tag, i) => `[${tag}, ${decoders[i]!}]`).join(', ')}]);
function ${name}(u) {
  if (!isRecord(u)) return INVALID;
  const decode = ${byTag}.get(u[${literal(dispatch.key)}]);
  return decode === undefined ? INVALID : decode(u);
}`;
  }
}
