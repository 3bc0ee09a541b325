import pg from 'pg';

type Parse = (text: string) => unknown;

/** Type oids (`pg_type.oid`) of the columns the store and its read models read. */
const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  jsonb: 3802,
} as const;

const asInteger: Parse = (text) => Number.parseInt(text, 10);
const asFloat: Parse = (text) => Number.parseFloat(text);

/**
 * How this package reads each type it selects, as node-postgres does by default. node-postgres keeps one table of
 * parsers for the whole process (`pg.types`), and other libraries change it: Emmett's dumbo, for one, parses every
 * json and jsonb value with a reviver (29 % of a read model rebuild's time in the bench, measured) and bigints as
 * BigInt. A library that made jsonb a string would leave every stored event unreadable. So the pool's connections
 * are given this table, and the process-wide one decides only types the package never reads.
 */
const OWN: ReadonlyMap<number, Parse> = new Map<number, Parse>([
  [OID.bool, (text) => text === 't' || text === 'true'],
  // A bigint stays text, as node-postgres gives it: the store turns positions into numbers itself.
  [OID.int8, (text) => text],
  [OID.int2, asInteger],
  [OID.int4, asInteger],
  [OID.oid, asInteger],
  [OID.float4, asFloat],
  [OID.float8, asFloat],
  [OID.json, (text) => JSON.parse(text)],
  [OID.jsonb, (text) => JSON.parse(text)],
]);

/** The `types` option of a pool or client: this package's parsers first, then the process-wide table. */
export const OWN_TYPE_PARSERS = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown => {
    const own = format === 'binary' ? undefined : OWN.get(oid);
    return own ?? pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;
