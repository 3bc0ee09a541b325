import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { COMMAND_TYPES, decodeCommand } from '../commands';
import { decodeWith, type DecodeStrategy } from './decode';
import type { DomainError } from './errors';
import { NonNegativeInt } from './primitives';

const pdfMeta = {
  name: 'report.pdf',
  mimeType: 'application/pdf',
  sizeBytes: 500_000,
  sha256: 'a'.repeat(64),
  storageKey: 'files/report.pdf',
};

const envelope = (type: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  commandId: 'cmd-1',
  now: '2022-10-01T10:00+08:00',
  actor: { id: 's1', role: 'student', schoolId: 'sch1' },
  type,
  data,
  ...extra,
});

const upload = (data: Record<string, unknown> = {}) =>
  envelope('UploadCourseOutcome', {
    schoolId: 'sch1',
    studentId: 's1',
    outcomeId: 'o1',
    courseId: 'math-1111',
    description: '函數報告',
    document: pdfMeta,
    ...data,
  });

const refusal = (input: unknown): DomainError => {
  const result = decodeCommand(input);
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};

const pathsOf = (error: DomainError): ReadonlyArray<string> => error.details['paths'] as ReadonlyArray<string>;

describe('decoding a command', () => {
  it('routes a valid portfolio command to the portfolio with its meta', () => {
    const result = decodeCommand(upload());
    expect(E.isRight(result)).toBe(true);
    if (E.isRight(result)) {
      expect(result.right.aggregate).toBe('portfolio');
      expect(result.right.command.type).toBe('UploadCourseOutcome');
      expect(result.right.meta).toEqual({
        commandId: 'cmd-1',
        now: '2022-10-01T10:00+08:00',
        actor: { id: 's1', role: 'student', schoolId: 'sch1' },
      });
    }
  });

  it('routes a valid school command to the school', () => {
    const result = decodeCommand(
      envelope(
        'SetParameter',
        { schoolId: 'sch1', parameter: 'outcomeUploadQuota', value: 6, effectiveFromSchoolYear: 111 },
        { actor: { id: 'admin', role: 'admin', schoolId: 'sch1' } },
      ),
    );
    expect(E.isRight(result) && result.right.aggregate).toBe('school');
  });

  it('refuses a negative file size with INVALID_INPUT naming data.document.sizeBytes', () => {
    const error = refusal(upload({ document: { ...pdfMeta, sizeBytes: -3 } }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.rule).toBeNull();
    expect(pathsOf(error)).toEqual(['data.document.sizeBytes']);
    expect(error.message.en).toContain('data.document.sizeBytes');
    expect(error.message['zh-TW']).toContain('data.document.sizeBytes');
  });

  it('refuses a fractional file size at the same path', () => {
    expect(pathsOf(refusal(upload({ document: { ...pdfMeta, sizeBytes: 1.5 } })))).toEqual(['data.document.sizeBytes']);
  });

  it('refuses file metadata without a SHA-256 digest, naming data.media.sha256 (R-FILE-4)', () => {
    expect(pathsOf(refusal(upload({ media: { ...pdfMeta, sha256: 'not-hex' } })))).toEqual(['data.media.sha256']);
  });

  it('refuses two documents in one outcome: at most one of each (R-OUT-2)', () => {
    const error = refusal(upload({ document: [pdfMeta, { ...pdfMeta, name: 'second.pdf' }] }));
    expect(pathsOf(error)).toContain('data.document');
  });

  it('refuses file metadata without a size or a storage key (R-FILE-4)', () => {
    const { sizeBytes: _size, storageKey: _key, ...partial } = pdfMeta;
    expect(pathsOf(refusal(upload({ document: partial })))).toEqual([
      'data.document.sizeBytes',
      'data.document.storageKey',
    ]);
  });

  it('names a missing required field of the data', () => {
    const { courseId: _courseId, ...data } = upload().data as Record<string, unknown>;
    expect(pathsOf(refusal(envelope('UploadCourseOutcome', data)))).toEqual(['data.courseId']);
  });

  it('refuses an unknown command type naming the path `type`', () => {
    const error = refusal(envelope('UploadHomework', {}));
    expect(error.code).toBe('INVALID_INPUT');
    expect(pathsOf(error)).toEqual(['type']);
    expect(error.message.en).toContain('UploadHomework');
  });

  it('refuses an outcome id that every JavaScript object has as a member, naming data.outcomeId', () => {
    // Before, `constructor` was refused as an id already used (R-OUT-1): the state's record found Object's constructor.
    for (const outcomeId of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const error = refusal(upload({ outcomeId }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(pathsOf(error)).toEqual(['data.outcomeId']);
    }
  });

  it('refuses a school or student id that every JavaScript object has as a member', () => {
    expect(pathsOf(refusal(upload({ schoolId: 'valueOf' })))).toEqual(['data.schoolId']);
    expect(pathsOf(refusal(upload({ studentId: 'isPrototypeOf' })))).toEqual(['data.studentId']);
  });

  it('accepts ids that only contain such a name', () => {
    expect(E.isRight(decodeCommand(upload({ outcomeId: 'constructor-2', studentId: 'my_toString' })))).toBe(true);
  });

  it('does not take an inherited property name for a command type', () => {
    expect(pathsOf(refusal(envelope('toString', {})))).toEqual(['type']);
    expect(pathsOf(refusal(envelope('__proto__', {})))).toEqual(['type']);
  });

  it('refuses an envelope whose `now` is an impossible instant, 2023-02-29 (R-TIME-2)', () => {
    const error = refusal({ ...upload(), now: '2023-02-29T10:00+08:00' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(pathsOf(error)).toEqual(['now']);
  });

  it('refuses an envelope whose `now` is not in Taipei time (R-TIME-2)', () => {
    expect(pathsOf(refusal({ ...upload(), now: '2022-10-01T02:00Z' }))).toEqual(['now']);
  });

  it('refuses an envelope without `now`: the domain reads no clock (R-TIME-3)', () => {
    const { now: _now, ...withoutNow } = upload();
    expect(pathsOf(refusal(withoutNow))).toEqual(['now']);
  });

  it('refuses an unknown actor role at actor.role', () => {
    expect(pathsOf(refusal({ ...upload(), actor: { id: 's1', role: 'principal', schoolId: 'sch1' } }))).toEqual([
      'actor.role',
    ]);
  });

  it('refuses a non-object input at the root paths', () => {
    expect(refusal(null).code).toBe('INVALID_INPUT');
    expect(refusal('UploadCourseOutcome').code).toBe('INVALID_INPUT');
  });

  it('refuses a flexible learning performance of 19 weeks, naming data.details.weeks (R-PERF-5)', () => {
    const error = refusal(
      envelope('RecordPerformance', {
        schoolId: 'sch1',
        studentId: 's1',
        performanceId: 'p1',
        schoolYear: 111,
        semester: 1,
        details: { category: 'flexibleLearning', kind: '自主學習', name: '程式設計', periodsPerWeek: 2, weeks: 19 },
        startDate: '2022-09-01',
        endDate: '2023-01-15',
        description: '自主學習成果',
        document: pdfMeta,
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(pathsOf(error)).toContain('data.details.weeks');
  });

  it('names the failing element of a list kept non-empty by a refinement, e.g. data.stages.1.groupId', () => {
    const error = refusal(
      envelope(
        'SetPlanApprovalOrder',
        { schoolId: 'sch1', stages: [{ kind: 'advisor' }, { kind: 'roleGroup', groupId: 'bad id!' }] },
        { actor: { id: 'admin', role: 'admin', schoolId: 'sch1' } },
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(pathsOf(error)).toContain('data.stages.1.groupId');
  });

  it('lists every command type it knows in the refusal of an unknown one', () => {
    expect(COMMAND_TYPES).toEqual(
      expect.arrayContaining([
        'UploadCourseOutcome',
        'CertifyCourseOutcome',
        'SelectPerformance',
        'SetWorkPeriod',
        'SetParameter',
      ]),
    );
  });
});

describe('decodeWith', () => {
  const Codec = t.type({ a: t.type({ b: NonNegativeInt }) });

  it('passes a valid value through', () => {
    expect(decodeWith(Codec, 'thing')({ a: { b: 1 } })).toEqual(E.right({ a: { b: 1 } }));
  });

  it('names every failing path once, with what was expected and what came', () => {
    const result = decodeWith(Codec, 'thing')({ a: { b: 'x' } });
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      expect(result.left.details['paths']).toEqual(['a.b']);
      expect(result.left.details['problems']).toEqual([{ path: 'a.b', expected: 'NonNegativeInt', actual: '"x"' }]);
      expect(result.left.message.en).toBe('thing is malformed at a.b: a.b: expected NonNegativeInt, got "x"');
    }
  });

  it('names the index of a failing element of a refined array (a refinement adds no step to the path)', () => {
    const Items = t.type({
      items: t.refinement(t.array(t.type({ n: NonNegativeInt })), (a) => a.length > 0, 'NonEmptyItems'),
    });
    const result = decodeWith(Items, 'thing')({ items: [{ n: 1 }, { n: -1 }] });
    expect(E.isLeft(result) && result.left.details['paths']).toEqual(['items.1.n']);
  });

  it('names the field of an exact object, as of a plain one (t.exact adds no step to the path)', () => {
    const Exact = t.type({ document: t.exact(t.type({ sizeBytes: NonNegativeInt })) });
    const result = decodeWith(Exact, 'thing')({ document: { sizeBytes: -3 } });
    expect(E.isLeft(result) && result.left.details['paths']).toEqual(['document.sizeBytes']);
  });

  it('leaves out the member index of a union even inside a refinement', () => {
    const Refined = t.type({
      x: t.refinement(t.union([t.type({ a: t.string }), t.type({ b: t.string })]), () => true, 'R'),
    });
    const result = decodeWith(Refined, 'thing')({ x: {} });
    expect(E.isLeft(result) && result.left.details['paths']).toEqual(['x.a', 'x.b']);
  });

  it(
    'refuses an own __proto__ key wherever it is, naming its path, before io-ts could copy it into a ' + 'prototype',
    () => {
      const smuggled = JSON.parse('{"a":{"b":1},"list":[{"c":2},{"d":{"__proto__":{"isAdmin":true}}}]}') as unknown;
      const result = decodeWith(t.unknown, 'thing')(smuggled);
      expect(E.isLeft(result) && result.left.details['paths']).toEqual(['list.1.d.__proto__']);
    },
  );

  it(
    'keeps the boundary as strict whatever the decode strategy: __proto__ refused before it runs, its errors given ' +
      'paths',
    () => {
      const seen: unknown[] = [];
      const watched: DecodeStrategy = (codec) => (input) => {
        seen.push(input);
        return codec.decode(input);
      };
      const smuggled = JSON.parse('{"a":{"__proto__":{"b":1}}}') as unknown;
      const refused = decodeWith(Codec, 'thing', watched)(smuggled);
      expect(E.isLeft(refused) && refused.left.details['paths']).toEqual(['a.__proto__']);
      expect(seen).toEqual([]);
      const malformed = decodeWith(Codec, 'thing', watched)({ a: { b: -1 } });
      expect(E.isLeft(malformed) && malformed.left.details['paths']).toEqual(['a.b']);
      expect(seen).toHaveLength(1);
    },
  );

  it('refuses exactly the inputs that hold an own __proto__ key (property)', () => {
    // An independent reference: the first own key named __proto__ in Object.keys order, depth first.
    const reference = (value: unknown): string | undefined => {
      if (typeof value !== 'object' || value === null) return undefined;
      for (const key of Object.keys(value)) {
        if (key === '__proto__') return key;
        const below = reference((value as Record<string, unknown>)[key]);
        if (below !== undefined) return `${key}.${below}`;
      }
      return undefined;
    };
    // fast-check defines a generated `__proto__` key as an own property, as JSON.parse does.
    const input = fc.anything({
      key: fc.oneof(fc.string({ maxLength: 3 }), fc.constant('__proto__')),
      maxDepth: 4,
      values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null)],
    });
    fc.assert(
      fc.property(input, (value) => {
        const result = decodeWith(t.unknown, 'thing')(value);
        const expected = reference(value);
        if (expected === undefined) expect(result).toEqual(E.right(value));
        else expect(E.isLeft(result) && result.left.details['paths']).toEqual([expected]);
      }),
      { numRuns: 500 },
    );
  });

  it('names the root when the whole value is wrong', () => {
    const result = decodeWith(NonNegativeInt, 'count')(-1);
    expect(E.isLeft(result) && result.left.details['paths']).toEqual(['(root)']);
  });
});
