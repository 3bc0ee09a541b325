import pg from 'pg';
import { OWN_TYPE_PARSERS } from './pgTypes';

const parse = (oid: number, text: string): unknown =>
  (OWN_TYPE_PARSERS.getTypeParser(oid, 'text') as (text: string) => unknown)(text);
const pgDefault = (oid: number, text: string): unknown =>
  (pg.types.getTypeParser(oid, 'text') as (text: string) => unknown)(text);

describe("the store's own type parsers", () => {
  it.each([
    ['bool', 16, ['t', 'f']],
    ['int8', 20, ['9007199254740993', '-1']],
    ['int2', 21, ['-7']],
    ['int4', 23, ['2147483647']],
    ['oid', 26, ['16384']],
    ['float4', 700, ['1.5']],
    ['float8', 701, ['-0.25', '1e+300']],
    ['json', 114, ['{"a": [1, "二"]}', 'null']],
    ['jsonb', 3802, ['{"b": {"c": true}}', '"text"']],
  ] as const)("reads %s as node-postgres's defaults do", (_name, oid, texts) => {
    for (const text of texts) expect(parse(oid, text)).toEqual(pgDefault(oid, text));
  });

  it('keeps reading jsonb and integers as its own when the process-wide parsers change', () => {
    const original = [pg.types.getTypeParser(3802, 'text'), pg.types.getTypeParser(23, 'text')] as const;
    pg.types.setTypeParser(3802, (text: string) => `jsonb ${text}`);
    pg.types.setTypeParser(23, (text: string) => `int4 ${text}`);
    try {
      expect(parse(3802, '{"a": 1}')).toEqual({ a: 1 });
      expect(parse(23, '12')).toBe(12);
    } finally {
      pg.types.setTypeParser(3802, original[0]);
      pg.types.setTypeParser(23, original[1]);
    }
  });

  it('leaves the types it never reads to the process-wide parsers', () => {
    expect(OWN_TYPE_PARSERS.getTypeParser(1184, 'text')).toBe(pg.types.getTypeParser(1184, 'text'));
  });
});
