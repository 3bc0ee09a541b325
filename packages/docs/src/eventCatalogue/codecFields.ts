import * as t from 'io-ts';

/** A field of an object codec, as the catalogue's tables show it. */
export interface Field {
  readonly name: string;
  readonly codec: t.Mixed;
  readonly required: boolean;
}

/** Named types met while rendering, to be defined once at the end, and what could not be rendered. */
export interface Registry {
  readonly types: Map<string, t.Mixed>;
  readonly problems: string[];
}

export const newRegistry = (): Registry => ({ types: new Map(), problems: [] });

/** `t.exact` / `t.strict` and `t.readonly` wrap a codec without changing its fields. */
export const unwrap = (codec: t.Mixed): t.Mixed =>
  codec instanceof t.ExactType || codec instanceof t.ReadonlyType ? unwrap(codec.type as t.Mixed) : codec;

/** The fields of an object codec: `t.type` props are required, `t.partial` props optional, intersections merge. */
export const fieldsOf = (wrapped: t.Mixed): ReadonlyArray<Field> | undefined => {
  const codec = unwrap(wrapped);
  if (codec instanceof t.InterfaceType) {
    return Object.entries(codec.props as t.Props).map(([name, field]) => ({ name, codec: field, required: true }));
  }
  if (codec instanceof t.PartialType) {
    return Object.entries(codec.props as t.Props).map(([name, field]) => ({ name, codec: field, required: false }));
  }
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as ReadonlyArray<t.Mixed>).map(fieldsOf);
    return parts.every((part) => part !== undefined) ? parts.flatMap((part) => part ?? []) : undefined;
  }
  return undefined;
};

/** io-ts names a combinator by its structure (`Array<Id>`, `{ a: string }`); a name we gave is an identifier. */
const isGivenName = (name: string): boolean => /^[A-Za-z_$][\w$]*$/.test(name);

const fieldText = (field: Field, registry: Registry): string =>
  `${field.name}${field.required ? '' : '?'}: ${typeOf(field.codec, registry)}`;

/** A short type expression for a table cell; named types are registered and shown by name. */
export const typeOf = (codec: t.Mixed, registry: Registry): string => {
  if (codec instanceof t.StringType) return 'string';
  if (codec instanceof t.NumberType) return 'number';
  if (codec instanceof t.BooleanType) return 'boolean';
  if (codec instanceof t.NullType) return 'null';
  if (codec instanceof t.UnknownType) return 'unknown';
  if (codec instanceof t.LiteralType) return JSON.stringify(codec.value);
  if (isGivenName(codec.name)) {
    const known = registry.types.get(codec.name);
    if (known !== undefined && known !== codec) registry.problems.push(`two different codecs are named ${codec.name}`);
    else registry.types.set(codec.name, codec);
    return codec.name;
  }
  if (codec instanceof t.ArrayType) {
    const element = typeOf(codec.type as t.Mixed, registry);
    return /[ |&]/.test(element) ? `Array<${element}>` : `${element}[]`;
  }
  if (codec instanceof t.UnionType)
    return (codec.types as ReadonlyArray<t.Mixed>).map((member) => typeOf(member, registry)).join(' | ');
  if (codec instanceof t.KeyofType)
    return Object.keys(codec.keys as object)
      .map((key) => JSON.stringify(key))
      .join(' | ');
  if (codec instanceof t.RefinementType) return typeOf(codec.type as t.Mixed, registry);
  if (codec instanceof t.ExactType || codec instanceof t.ReadonlyType) return typeOf(codec.type as t.Mixed, registry);
  const fields = fieldsOf(codec);
  if (fields) return `{ ${fields.map((field) => fieldText(field, registry)).join('; ')} }`;
  return codec.name;
};

/** `name?: Type` of one field, as the Types section lists a union's members. */
export const describeField = fieldText;
