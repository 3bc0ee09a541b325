import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { portfolioStreamName, submissionStreamName, type DomainError } from '@licheng/domain';
import {
  loadStream,
  portfolioAggregate,
  schoolAggregate,
  submissionAggregate,
  type ExecuteResult,
} from '@licheng/eventstore';
import { pdf, portfolioEvent, seedEvents } from '@licheng/testing';
import { SCHOOL_ID, seededService } from './support/harness';
import { COLUMNS, envelopeOf, MATRIX_SCHOOL, ROWS, rowHarness, type Row } from './support/rows';

/**
 * Fuzzing the front door (`service.execute(untrusted)`): valid commands of every type, mutated. Every input
 * must come back as a value — a Left with a code, and for INVALID_INPUT the failing paths in
 * `details.paths` — nothing may throw, the store must stay byte-identical, and Object.prototype unpolluted.
 *
 * Mutations that certainly make a command malformed (a required field dropped or retyped, NaN, negative or
 * fractional numbers, huge or blank strings where an id or text is expected, unknown types, impossible
 * instants, unknown roles, an object whose only key is `__proto__`) are applied to the command as its
 * allowed actor would send it: decoding must refuse it and name a path the mutation touched. Noise that
 * leaves the command well-formed (extra keys, `__proto__` / `constructor` / `prototype` keys, optional
 * fields dropped, huge free text, duplicated array elements, reordered keys) is applied to the command as
 * a parent would send it, whom no command accepts (docs/authorization.md), so it must be refused too.
 */

const INPUTS = Number(process.env['RELIABILITY_FUZZ_INPUTS'] ?? 10_000);
const SEED = Number(process.env['RELIABILITY_FUZZ_SEED'] ?? Date.now() % 2 ** 31);

type Path = ReadonlyArray<string | number>;
type Json = unknown;
interface Mutation {
  readonly op: string;
  readonly path: string;
  /** The command can no longer decode. */
  readonly invalidating: boolean;
  /** Any reported path will do (e.g. the whole envelope replaced by an object missing every field). */
  readonly anyPath?: boolean;
  /** Not invalidating, but a refusal naming this path is right too (a `__proto__` key may be refused or ignored). */
  readonly refusable?: boolean;
}

const OPTIONAL_KEYS = new Set([
  'document',
  'media',
  'reason',
  'hours',
  'externalLink',
  'advisorId',
  'coTaught',
  'correlationId',
  'causationId',
]);
/** Declared `t.string`: any string decodes, so a huge or blank one is for the rules to refuse, not the decoder. */
const FREE_TEXT_KEYS = new Set(['description', 'mimeType']);
/** Declared with `null` among their values. */
const NULLABLE_KEYS = new Set(['value', 'digest']);

const pathText = (path: Path): string => path.join('.');
const keyOf = (path: Path): string | number => path[path.length - 1]!;

/**
 * Every node below the root, objects and arrays included, with its path; not inside `__proto__` keys, which no codec
 * reads.
 */
const nodesOf = (value: Json, path: Path = []): Array<{ path: Path; value: Json }> => {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value)
    .filter((key) => key !== '__proto__')
    .flatMap((key) => {
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      const child = (value as Record<string, Json>)[key];
      return [{ path: childPath, value: child }, ...nodesOf(child, childPath)];
    });
};

const parentOf = (root: Json, path: Path): Record<string | number, Json> =>
  path.slice(0, -1).reduce((node: Json, key) => (node as Record<string | number, Json>)[key], root) as Record<
    string | number,
    Json
  >;
const setAt = (root: Json, path: Path, value: Json) => void (parentOf(root, path)[keyOf(path)] = value);
const deleteAt = (root: Json, path: Path) => void delete parentOf(root, path)[keyOf(path)];
/** Defines an own property whatever its name, as JSON.parse does for "__proto__". */
const defineOwn = (target: object, key: string, value: Json) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
const pickFrom = <T>(items: ReadonlyArray<T>, n: number): T => items[n % items.length]!;

const huge = (n: number) => '長'.repeat(20_000 + (n % 60_000));
/** Deep garbage; a fresh copy each time, since later mutations may write into it. */
const nested = (): Json => ({
  a: [1, { b: [null, { c: { d: ['deep', { e: {} }] } }] }],
  f: { g: { h: { i: { j: 'garbage' } } } },
});
const protoOnly = () => JSON.parse('{"__proto__":{"polluted":"yes","role":"admin","commandId":"c1"}}') as Json;

const WRONG_FOR = (value: Json, key: string | number): ReadonlyArray<Json> => {
  const nullable = typeof key === 'string' && NULLABLE_KEYS.has(key);
  const base: Json[] = Array.isArray(value)
    ? [{}, 'list', 42, { 0: 'a', length: 1 }, nested()]
    : typeof value === 'object' && value !== null
      ? ['object', 42, [], [1, 2], true]
      : typeof value === 'string'
        ? [42, -1, NaN, true, [], {}, ['x'], nested()]
        : typeof value === 'number'
          ? ['42', NaN, -1, 1.5, 1e21, Infinity, true, [], {}]
          : typeof value === 'boolean'
            ? ['true', 1, [], {}]
            : [42, 'not-a-digest', [], {}]; // null (the seal digest)
  return nullable || value === null ? base : [...base, null];
};

/** Whether a node is, contains or lies inside one already mutated: mutating it again could undo the first. */
const touches = (path: Path, done: ReadonlyArray<string>): boolean => {
  const text = pathText(path);
  return done.some((d) => d === text || d.startsWith(`${text}.`) || text.startsWith(`${d}.`));
};
const fresh = (root: Json, done: ReadonlyArray<string>) => nodesOf(root).filter(({ path }) => !touches(path, done));

/** Proxies made by `throwingProxy` start throwing only when the input is complete (see `build`). */
const arming: Array<() => void> = [];

/**
 * Mutations that make the command malformed. Each returns what it did, or null if it found no target. Each
 * works on nodes no earlier mutation touched (`done`); the fixed-path ones always leave their field invalid.
 */
const INVALIDATING: Readonly<
  Record<
    string,
    (root: Record<string, Json>, at: number, variant: number, done: ReadonlyArray<string>) => Mutation | null
  >
> = {
  dropRequired: (root, at, _variant, done) => {
    const targets = fresh(root, done).filter(
      ({ path }) =>
        typeof keyOf(path) === 'string' && !OPTIONAL_KEYS.has(String(keyOf(path))) && keyOf(path) !== 'unit',
    );
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    deleteAt(root, path);
    return { op: 'drop', path: pathText(path), invalidating: true };
  },
  retype: (root, at, variant, done) => {
    const targets = fresh(root, done);
    if (targets.length === 0) return null;
    const { path, value } = pickFrom(targets, at);
    const wrong = pickFrom(WRONG_FOR(value, keyOf(path)), variant);
    setAt(root, path, wrong);
    return {
      op: `retype to ${typeof wrong === 'object' ? JSON.stringify(wrong)?.slice(0, 20) : String(wrong)}`,
      path: pathText(path),
      invalidating: true,
    };
  },
  badNumber: (root, at, variant, done) => {
    const targets = fresh(root, done).filter(({ value }) => typeof value === 'number');
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    const bad = pickFrom([NaN, -1, -4_194_304, 0.5, 1e21, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2], variant);
    setAt(root, path, bad);
    return { op: `number ${bad}`, path: pathText(path), invalidating: true };
  },
  negativeSize: (root, at, _variant, done) => {
    const targets = fresh(root, done).filter(({ path }) => keyOf(path) === 'sizeBytes');
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    setAt(root, path, -1 - (at % 10_000_000));
    return { op: 'negative size', path: pathText(path), invalidating: true };
  },
  hugeString: (root, at, variant, done) => {
    const targets = fresh(root, done).filter(
      ({ path, value }) => typeof value === 'string' && !FREE_TEXT_KEYS.has(String(keyOf(path))),
    );
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    setAt(root, path, huge(variant));
    return { op: 'huge string', path: pathText(path), invalidating: true };
  },
  blankString: (root, at, variant, done) => {
    const targets = fresh(root, done).filter(
      ({ path, value }) => typeof value === 'string' && !FREE_TEXT_KEYS.has(String(keyOf(path))),
    );
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    setAt(root, path, pickFrom(['', '   ', '\t\n', '\u3000'], variant));
    return { op: 'blank string', path: pathText(path), invalidating: true };
  },
  unknownType: (root, _at, variant) => {
    const type = String(root['type']);
    root['type'] = pickFrom(
      [
        'DropAllTables',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        `${type} `,
        type.toLowerCase(),
        `${type}\u0000`,
        'Upload',
        'SchoolRegistered',
      ],
      variant,
    );
    return { op: `type ${JSON.stringify(root['type'])}`, path: 'type', invalidating: true };
  },
  badInstant: (root, _at, variant) => {
    root['now'] = pickFrom(
      [
        '2023-02-29T10:00+08:00',
        '2023-04-12T10:00',
        '2023-04-12T10:00Z',
        '2023-04-12T24:00+08:00',
        '2023-04-12T10:00:00+08:00',
        '2023-13-01T10:00+08:00',
        '2023-04-12 10:00+08:00',
        '112/04/18 10:30',
      ],
      variant,
    );
    return { op: `now ${String(root['now'])}`, path: 'now', invalidating: true };
  },
  badRole: (root, _at, variant) => {
    const role = pickFrom(['superuser', 'Student', 'ADMIN', 'root', '__proto__', 'constructor'], variant);
    if (typeof root['actor'] === 'object' && root['actor'] !== null)
      (root['actor'] as Record<string, Json>)['role'] = role;
    else root['actor'] = { id: 'x', role };
    return { op: `role ${role}`, path: 'actor.role', invalidating: true };
  },
  loneSurrogate: (root, at, variant, done) => {
    const targets = fresh(root, done).filter(({ value }) => typeof value === 'string');
    if (targets.length === 0) return null;
    const { path, value } = pickFrom(targets, at);
    const half = pickFrom(['\ud800', '\udfff', '\udbff'], variant);
    setAt(root, path, variant % 2 === 0 ? `${String(value)}${half}` : `${half}${String(value)}`);
    return { op: 'lone surrogate', path: pathText(path), invalidating: true };
  },
  /** A required field served by a prototype getter, as a class instance would carry it: not data, so it is missing. */
  prototypeGetter: (root, at, _variant, done) => {
    const targets = fresh(root, done).filter(
      ({ path }) =>
        typeof keyOf(path) === 'string' && !OPTIONAL_KEYS.has(String(keyOf(path))) && keyOf(path) !== 'unit',
    );
    if (targets.length === 0) return null;
    const { path, value } = pickFrom(targets, at);
    const parent = parentOf(root, path) as object;
    if (Array.isArray(parent)) return null;
    deleteAt(root, path);
    Object.setPrototypeOf(
      parent,
      Object.create(Object.getPrototypeOf(parent) as object, {
        // A later fixed-path mutation writing the field makes it own data again (and still invalid).
        [keyOf(path)]: {
          get: () => value,
          set(this: object, v: Json) {
            defineOwn(this, String(keyOf(path)), v);
          },
          enumerable: true,
        },
      }),
    );
    return { op: 'prototype getter', path: pathText(path), invalidating: true };
  },
  /**
   * An object replaced by a proxy whose traps throw once armed (armed after every other mutation, which walk the tree).
   */
  throwingProxy: (root, at, _variant, done) => {
    const targets = fresh(root, done).filter(({ value }) => typeof value === 'object' && value !== null);
    if (targets.length === 0) return null;
    const { path, value } = pickFrom(targets, at);
    const state = { armed: false };
    const trap = <T>(fallback: () => T): T => {
      if (state.armed) throw new Error('hostile proxy');
      return fallback();
    };
    setAt(
      root,
      path,
      new Proxy(value as object, {
        ownKeys: (target) => trap(() => Reflect.ownKeys(target)),
        getOwnPropertyDescriptor: (target, key) => trap(() => Reflect.getOwnPropertyDescriptor(target, key)),
        get: (target, key) => trap(() => Reflect.get(target, key) as unknown),
      }),
    );
    arming.push(() => void (state.armed = true));
    return { op: 'throwing proxy', path: pathText(path), invalidating: true };
  },
  protoOnlyObject: (root, at, _variant, done) => {
    const targets = fresh(root, done).filter(
      ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    setAt(root, path, protoOnly());
    return { op: 'object with only a __proto__ key', path: pathText(path), invalidating: true };
  },
};

const POISON: ReadonlyArray<Json> = [
  { polluted: 'yes' },
  { hasOwnProperty: 0, toString: 1, valueOf: null },
  { role: 'admin', isAdmin: true, correlationId: 42 },
  { document: { name: 42 }, reason: 7, correlationId: { deep: true } },
  [],
  'string',
  null,
];

/**
 * Noise: the command stays as well- or ill-formed as it was. Ops that delete or overwrite never touch a node
 * an invalidating mutation changed, nor one containing it (`kept`), so that noise cannot undo a mutation.
 */
const untouchable = (path: Path, kept: ReadonlyArray<string>): boolean =>
  kept.some((k) => k === pathText(path) || k.startsWith(`${pathText(path)}.`));
const NOISE: Readonly<
  Record<
    string,
    (root: Record<string, Json>, at: number, variant: number, kept: ReadonlyArray<string>) => Mutation | null
  >
> = {
  protoKey: (root, at, variant) => {
    const objects = [{ path: [] as Path, value: root as Json }, ...nodesOf(root)].filter(
      ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    const { path, value } = pickFrom(objects, at);
    defineOwn(value as object, '__proto__', structuredClone(pickFrom(POISON, variant)));
    return { op: '__proto__ key', path: pathText([...path, '__proto__']), invalidating: false, refusable: true };
  },
  constructorKey: (root, at, variant) => {
    const objects = [{ path: [] as Path, value: root as Json }, ...nodesOf(root)].filter(
      ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    const { path, value } = pickFrom(objects, at);
    const key =
      ['constructor', 'prototype', 'hasOwnProperty', 'toString'].filter(
        (k) => !Object.prototype.hasOwnProperty.call(value, k),
      )[variant % 4] ?? 'valueOf';
    defineOwn(value as object, key, { prototype: { polluted: 'yes' }, polluted: 'yes' });
    return { op: `${key} key`, path: pathText(path), invalidating: false };
  },
  extraKey: (root, at, variant) => {
    const objects = [{ path: [] as Path, value: root as Json }, ...nodesOf(root)].filter(
      ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    const { path, value } = pickFrom(objects, at);
    // Never a key the object already has: that would change the command, not add noise to it.
    const key =
      ['isAdmin', 'roles', 'OutcomeId', 'studentId ', '學號', 'bytes', '$where', ''].filter(
        (k) => !Object.prototype.hasOwnProperty.call(value, k),
      )[variant % 7] ?? 'extra';
    defineOwn(value as object, key, pickFrom([true, 'admin', nested(), 'x'.repeat(10_000), [1, 2, 3]], variant));
    return { op: `extra key ${JSON.stringify(key)}`, path: pathText(path), invalidating: false };
  },
  dropOptional: (root, at, _variant, kept) => {
    const targets = nodesOf(root).filter(
      ({ path }) => OPTIONAL_KEYS.has(String(keyOf(path))) && !untouchable(path, kept),
    );
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    deleteAt(root, path);
    return { op: 'drop optional', path: pathText(path), invalidating: false };
  },
  hugeFreeText: (root, at, variant, kept) => {
    const targets = nodesOf(root).filter(
      ({ path, value }) =>
        typeof value === 'string' && FREE_TEXT_KEYS.has(String(keyOf(path))) && !untouchable(path, kept),
    );
    if (targets.length === 0) return null;
    const { path } = pickFrom(targets, at);
    setAt(root, path, huge(variant));
    return { op: 'huge free text', path: pathText(path), invalidating: false };
  },
  duplicateElement: (root, at) => {
    const targets = nodesOf(root).filter(({ value }) => Array.isArray(value) && value.length > 0);
    if (targets.length === 0) return null;
    const { path, value } = pickFrom(targets, at);
    // Through JSON rather than structuredClone, which cannot clone a proxy another mutation left there.
    (value as Json[]).push(JSON.parse(JSON.stringify((value as Json[])[0]) ?? 'null') as Json);
    return { op: 'duplicate element', path: pathText(path), invalidating: false };
  },
  reorderKeys: (root, at) => {
    const objects = [{ path: [] as Path, value: root as Json }, ...nodesOf(root)].filter(
      ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    const { path, value } = pickFrom(objects, at);
    const record = value as Record<string, Json>;
    const entries = Object.entries(record).reverse();
    for (const [key] of entries) delete record[key];
    for (const [key, v] of entries) defineOwn(record, key, v);
    return { op: 'reorder keys', path: pathText(path), invalidating: false };
  },
};

/** Whole inputs that are not a command envelope at all. */
const NOT_AN_ENVELOPE: ReadonlyArray<{ name: string; make: (base: Json) => Json; anyPath?: true }> = [
  { name: 'null', make: () => null },
  { name: 'undefined', make: () => undefined },
  { name: '0', make: () => 0 },
  { name: 'NaN', make: () => NaN },
  { name: 'empty string', make: () => '' },
  { name: 'a type name', make: () => 'UploadCourseOutcome' },
  { name: 'the envelope as JSON text', make: (base) => JSON.stringify(base) },
  { name: 'empty array', make: () => [] },
  { name: 'array of the envelope', make: (base) => [base] },
  { name: 'true', make: () => true },
  { name: 'a symbol', make: () => Symbol('command') },
  { name: 'a bigint', make: () => 10n },
  { name: 'a function', make: (base) => () => base },
  // io-ts takes any non-array object for a record, so these are reported by the envelope fields they lack.
  { name: 'a Date', make: () => new Date(0), anyPath: true },
  { name: 'a Map', make: (base) => new Map(Object.entries(base as object)), anyPath: true },
  { name: 'an empty object', make: () => ({}), anyPath: true },
  { name: 'a null-prototype object', make: () => Object.create(null) as Json, anyPath: true },
  {
    name: 'only a __proto__ key',
    make: (base) => JSON.parse(`{"__proto__":${JSON.stringify(base)}}`) as Json,
    anyPath: true,
  },
  { name: 'the envelope under another key', make: (base) => ({ command: base }), anyPath: true },
];

type Recipe = {
  readonly row: number;
  readonly kind: 'malformed' | 'noise' | 'whole';
  readonly invalidating: ReadonlyArray<{ op: string; at: number; variant: number }>;
  readonly noise: ReadonlyArray<{ op: string; at: number; variant: number }>;
  readonly whole: number;
};

const step = (ops: ReadonlyArray<string>) =>
  fc.record({ op: fc.constantFrom(...ops), at: fc.nat(), variant: fc.nat() });
const recipes: fc.Arbitrary<Recipe> = fc.record({
  row: fc.nat({ max: ROWS.length - 1 }),
  kind: fc.oneof(
    { weight: 14, arbitrary: fc.constant('malformed' as const) },
    { weight: 5, arbitrary: fc.constant('noise' as const) },
    { weight: 1, arbitrary: fc.constant('whole' as const) },
  ),
  invalidating: fc.array(step(Object.keys(INVALIDATING)), { minLength: 1, maxLength: 3 }),
  noise: fc.array(step(Object.keys(NOISE)), { minLength: 0, maxLength: 3 }),
  whole: fc.nat(),
});

const PARENT = COLUMNS.find((c) => c.id === 'parent')!.actor;
const allowedActor = (row: Row) => COLUMNS.find((c) => c.id === row.allowed[0])!.actor;

const build = (recipe: Recipe): { input: Json; mutations: Mutation[]; label: string } => {
  const row = ROWS[recipe.row]!;
  const mutations: Mutation[] = [];
  if (recipe.kind === 'whole') {
    const whole = pickFrom(NOT_AN_ENVELOPE, recipe.whole);
    return {
      input: whole.make(envelopeOf(row, allowedActor(row))),
      mutations: [{ op: whole.name, path: '(root)', invalidating: true, ...(whole.anyPath ? { anyPath: true } : {}) }],
      label: `${row.label} as ${whole.name}`,
    };
  }
  const root = envelopeOf(row, recipe.kind === 'malformed' ? allowedActor(row) : PARENT, `fuzz-${recipe.row}`);
  if (recipe.kind === 'malformed') {
    for (const { op, at, variant } of recipe.invalidating) {
      const done = INVALIDATING[op]!(
        root,
        at,
        variant,
        mutations.map((m) => m.path),
      );
      if (done) mutations.push(done);
    }
    if (mutations.length === 0) mutations.push(INVALIDATING['unknownType']!(root, 0, recipe.whole, [])!);
  }
  const kept = mutations.map((m) => m.path);
  for (const { op, at, variant } of recipe.noise) {
    const done = NOISE[op]!(root, at, variant, kept);
    if (done) mutations.push(done);
  }
  if (recipe.kind === 'noise' && mutations.length === 0)
    mutations.push(NOISE['extraKey']!(root, recipe.whole, recipe.whole, [])!);
  for (const arm of arming.splice(0)) arm();
  return {
    input: root,
    mutations,
    label: `${row.label} (${recipe.kind}): ${mutations.map((m) => `${m.op} at ${m.path || '(root)'}`).join('; ')}`,
  };
};

/** A reported path names the mutated node, something inside it, or something containing it. */
const related = (reported: string, mutated: string): boolean =>
  reported === mutated ||
  reported.startsWith(`${mutated}.`) ||
  mutated.startsWith(`${reported}.`) ||
  (reported === '(root)' && mutated === '');

const prototypeFingerprint = (): string =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
    .join('|');

/**
 * The fuzz store: the matrix school, with something in s1's portfolio and a submission, so that routed commands reach
 * real state.
 */
const fuzzHarness = async () => {
  const harness = await seededService(['s1', 's2'], { extra: MATRIX_SCHOOL, cache: true });
  await seedEvents(harness.store, portfolioAggregate, portfolioStreamName(SCHOOL_ID, 's1'), [
    portfolioEvent('CourseOutcomeUploaded', {
      studentId: 's1',
      outcomeId: 'o1',
      courseId: 'math-1111',
      term: '1111',
      subject: '數學',
      description: '報告',
      document: pdf(),
    }),
    portfolioEvent('CourseOutcomeUploaded', {
      studentId: 's1',
      outcomeId: 'o2',
      courseId: 'math-1111',
      term: '1111',
      subject: '數學',
      description: '報告',
      document: pdf('o2.pdf'),
    }),
    portfolioEvent('CourseOutcomeSentForCertification', { outcomeId: 'o2' }),
    portfolioEvent('CourseOutcomeCertified', { outcomeId: 'o2', teacherId: 't1', result: 'passed' }),
  ]);
  await seedEvents(harness.store, submissionAggregate, submissionStreamName(SCHOOL_ID, 'courseOutcomes', '1110'), [
    {
      type: 'RosterSubmitted',
      data: {
        fid: 'F-1',
        category: 'courseOutcomes',
        period: '1110',
        submitterId: 'sub1',
        roster: [{ studentId: 's1', items: [] }],
      },
    } as never,
  ]);
  return harness;
};

type Failure = { readonly what: string; readonly example: string };
const summarize = (failures: ReadonlyArray<Failure>): string[] => {
  const byWhat = new Map<string, string[]>();
  for (const { what, example } of failures) byWhat.set(what, [...(byWhat.get(what) ?? []), example]);
  return [...byWhat].map(
    ([what, examples]) => `${examples.length} × ${what}, e.g. ${examples.slice(0, 3).join(' | ')}`,
  );
};

const checkAnswer = (
  result: E.Either<DomainError, ExecuteResult>,
  mutations: ReadonlyArray<Mutation>,
): string | null => {
  if (E.isRight(result)) return 'accepted';
  const { code, message, details } = result.left;
  if (typeof code !== 'string' || code.length === 0 || !message?.en || !message['zh-TW'])
    return 'refused without a code and a bilingual message';
  const invalid = mutations.filter((m) => m.invalidating);
  if (invalid.length > 0 && code !== 'INVALID_INPUT') return `refused with ${code} instead of INVALID_INPUT`;
  if (code !== 'INVALID_INPUT') return null;
  const paths = details['paths'];
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string'))
    return 'INVALID_INPUT without details.paths';
  const reasons = mutations.filter((m) => m.invalidating || m.refusable);
  if (invalid.length > 0 && !reasons.some((m) => m.anyPath || paths.some((p: string) => related(p, m.path)))) {
    return (
      `INVALID_INPUT naming ${JSON.stringify(paths)}, none of the mutated ` +
      `${JSON.stringify(reasons.map((m) => m.path))}`
    );
  }
  return null;
};

describe('fuzzing service.execute with malformed and mutated commands', () => {
  it(
    `refuses ${INPUTS} mutated commands as values, with the failing paths, leaving the store and Object.prototype ` +
      `untouched (seed ${SEED})`,
    async () => {
      const { store, service } = await fuzzHarness();
      const snapshot = store.snapshot();
      const stored = store.eventCount;
      const prototypes = prototypeFingerprint();
      const failures: Failure[] = [];
      const counts = { malformed: 0, noise: 0, whole: 0 };
      const tally = {
        tried: 0,
        refused: 0,
        threw: 0,
        changedTheStore: 0,
        byOp: Object.create(null) as Record<string, number>,
      };
      const samples = fc.sample(recipes, { numRuns: INPUTS, seed: SEED });
      for (const [index, recipe] of samples.entries()) {
        counts[recipe.kind]++;
        const { input, mutations, label } = build(recipe);
        tally.tried++;
        for (const m of mutations) tally.byOp[m.op.split(' ')[0]!] = (tally.byOp[m.op.split(' ')[0]!] ?? 0) + 1;
        let result: E.Either<DomainError, ExecuteResult>;
        try {
          result = await service.execute(input);
          if (E.isLeft(result)) tally.refused++;
        } catch (error) {
          tally.threw++;
          failures.push({
            what: `threw ${error instanceof Error ? error.constructor.name : typeof error}`,
            example: `${label}: ${String(error).slice(0, 120)}`,
          });
          continue;
        }
        const problem = checkAnswer(result, mutations);
        if (problem)
          failures.push({
            what: problem.replace(/\[.*\]/g, '[…]'),
            example: `#${index} ${label}${problem.includes('[') ? ` → ${problem}` : ''}`,
          });
        if (store.eventCount !== stored || (index % 1_000 === 999 && store.snapshot() !== snapshot)) {
          tally.changedTheStore++;
          failures.push({ what: 'the store changed', example: `#${index} ${label}` });
          break;
        }
        if (prototypeFingerprint() !== prototypes || ({} as Record<string, unknown>)['polluted'] !== undefined) {
          failures.push({ what: 'a prototype was polluted', example: `#${index} ${label}` });
          break;
        }
      }
      // The counts the issue asks for (tried / refused / threw / changed the store), and how often each mutation ran.
      console.info(`fuzz seed ${SEED}: ${JSON.stringify(tally)}`);
      expect({ seed: SEED, failures: summarize(failures) }).toEqual({ seed: SEED, failures: [] });
      expect(tally).toMatchObject({ tried: INPUTS, refused: INPUTS, threw: 0, changedTheStore: 0 });
      for (const op of ['lone', 'prototype', 'throwing']) expect(tally.byOp[op]).toBeGreaterThan(INPUTS / 200);
      expect(store.snapshot() === snapshot).toBe(true);
      // Each kind was exercised in proportion (14 : 5 : 1).
      expect(counts.malformed).toBeGreaterThan(INPUTS / 2);
      expect(counts.noise).toBeGreaterThan(INPUTS / 10);
      expect(counts.whole).toBeGreaterThan(INPUTS / 50);
    },
  );

  it('stores what each command held when execute was called, whatever the caller changes afterwards', async () => {
    const calm = await fuzzHarness();
    const meddled = await fuzzHarness();
    let changed = 0;
    for (const row of ROWS) {
      await calm.service.execute(envelopeOf(row, allowedActor(row)));
      const input = envelopeOf(row, allowedActor(row));
      const pending = meddled.service.execute(input);
      // Every string and number the caller passed is overwritten before the first await returns.
      for (const { path, value } of nodesOf(input)) {
        if (typeof value === 'string' || typeof value === 'number') {
          setAt(input, path, typeof value === 'string' ? 's2' : value + 1);
          changed++;
        }
      }
      await pending;
    }
    expect(changed).toBeGreaterThan(ROWS.length);
    expect(meddled.store.snapshot() === calm.store.snapshot()).toBe(true);
  });

  it(
    'refuses, as values, inputs holding JS values no JSON can carry (cyclic, BigInt, Symbol, functions, ' +
      'null-prototype objects)',
    async () => {
      const { store, service } = await fuzzHarness();
      const snapshot = store.snapshot();
      const cyclic = (): Json => {
        const node: Record<string, Json> = { name: 'loop' };
        node['self'] = node;
        return node;
      };
      const nullPrototype = (inner: Json): Json => Object.assign(Object.create(null) as object, { inner });
      const values: ReadonlyArray<[string, () => Json]> = [
        ['a bigint', () => 10n],
        ['a symbol', () => Symbol('x')],
        ['a function', () => () => 0],
        ['a cyclic object', cyclic],
        [
          'a throwing toJSON',
          () => ({
            toJSON: () => {
              throw new Error('no');
            },
          }),
        ],
        ['a null-prototype object', () => nullPrototype('x')],
        ['a null-prototype object holding a bigint', () => nullPrototype(10n)],
        [
          'a cyclic null-prototype object',
          () => {
            const node = Object.create(null) as Record<string, Json>;
            node['self'] = node;
            return node;
          },
        ],
      ];
      const failures: Failure[] = [];
      for (const row of ROWS) {
        const base = envelopeOf(row, allowedActor(row));
        for (const { path } of [{ path: ['type'] as Path }, ...nodesOf(base)]) {
          for (const [name, make] of values) {
            const input = structuredClone(base);
            setAt(input, path, make());
            try {
              const problem = checkAnswer(await service.execute(input), [
                { op: name, path: pathText(path), invalidating: true },
              ]);
              if (problem) failures.push({ what: problem, example: `${row.label} with ${name} at ${pathText(path)}` });
            } catch (error) {
              failures.push({
                what: `threw on ${name}: ${String(error)}`,
                example: `${row.label} at ${pathText(path)}`,
              });
            }
          }
        }
      }
      expect(summarize(failures)).toEqual([]);
      expect(store.snapshot() === snapshot).toBe(true);
    },
  );
});

/**
 * `JSON.parse` makes `"__proto__"` an own key. Sent with an otherwise acceptable command, it must either be
 * refused (INVALID_INPUT) or be ignored like any unknown key: what is stored must be exactly what the clean
 * command stores, and every stream must still load.
 */
describe('prototype keys in otherwise acceptable commands', () => {
  const poison = {
    correlationId: { not: 'an id' },
    causationId: 42,
    document: {
      name: 'a.pdf',
      mimeType: 'application/pdf',
      sizeBytes: -1_000_000_000,
      sha256: 'not-hex',
      storageKey: 7,
    },
    media: { name: 'b.mp4', mimeType: 'video/mp4', sizeBytes: 1e15, sha256: 'x', storageKey: '' },
    reason: 404,
    hours: -5,
    externalLink: { href: 'javascript:alert(1)' },
    advisorId: '../../admin',
    coTaught: 'yes',
  };

  /**
   * The command with `__proto__` in the envelope and in `data`, and an extra key in each nested object (which makes
   * io-ts copy them).
   */
  const poisoned = (envelope: Record<string, unknown>): unknown => {
    const copy = structuredClone(envelope) as Record<string, Json>;
    for (const { value } of nodesOf(copy))
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) defineOwn(value, 'extra', true);
    defineOwn(copy, '__proto__', structuredClone(poison));
    defineOwn(copy['data'] as object, '__proto__', structuredClone(poison));
    return JSON.parse(JSON.stringify(copy));
  };

  const storedEvents = async (store: {
    readAll: () => Promise<ReadonlyArray<{ streamName: string; type: string; data: unknown; metadata: unknown }>>;
  }) => (await store.readAll()).map(({ streamName, type, data, metadata }) => ({ streamName, type, data, metadata }));

  it('never lets a __proto__ key carry unvalidated fields into the store, for any command type', async () => {
    const failures: string[] = [];
    for (const row of ROWS) {
      const actor = allowedActor(row);
      const clean = await rowHarness(row);
      const dirty = await rowHarness(row);
      const cleanResult = await clean.service.execute(envelopeOf(row, actor));
      if (E.isLeft(cleanResult))
        throw new Error(`${row.label}: the clean command is refused: ${cleanResult.left.code}`);
      let result: E.Either<DomainError, ExecuteResult>;
      try {
        result = await dirty.service.execute(poisoned(envelopeOf(row, actor)));
      } catch (error) {
        failures.push(`${row.label}: threw ${String(error)}`);
        continue;
      }
      const streams = [...new Set((await dirty.store.readAll()).map((e) => e.streamName))];
      for (const streamName of streams) {
        const loaded = streamName.startsWith('school-')
          ? await loadStream(dirty.store, schoolAggregate, streamName)
          : streamName.startsWith('portfolio-')
            ? await loadStream(dirty.store, portfolioAggregate, streamName)
            : await loadStream(dirty.store, submissionAggregate, streamName);
        if (E.isLeft(loaded)) failures.push(`${row.label}: ${streamName} no longer loads: ${loaded.left.message.en}`);
      }
      if (E.isLeft(result)) {
        if (result.left.code !== 'INVALID_INPUT')
          failures.push(`${row.label}: refused with ${result.left.code}: ${result.left.message.en}`);
        if (dirty.store.eventCount !== clean.store.eventCount - cleanResult.right.events.length)
          failures.push(`${row.label}: refused, yet the store changed`);
        continue;
      }
      expect(await storedEvents(dirty.store)).toEqual(await storedEvents(clean.store));
    }
    expect(failures).toEqual([]);
  });

  it('a student cannot make their own portfolio unreadable with one command', async () => {
    const { service } = await seededService(['s1', 's2']);
    const body =
      '{"commandId":"c-1","now":"2022-10-01T10:00+08:00","actor":{"id":"s1","role":"student"},' +
      '"type":"UploadCourseOutcome",' +
      '"data":{"schoolId":"sch1","studentId":"s1","outcomeId":"o1","courseId":"math-1111","description":"報告",' +
      '"media":{"name":"a.mp4","mimeType":"video/mp4","sizeBytes":1,"sha256":"' +
      'a'.repeat(64) +
      '","storageKey":"k","x":1},' +
      '"__proto__":{"document":{"name":"b.pdf","mimeType":"application/pdf","sizeBytes":-1,"sha256":"no",' +
      '"storageKey":""}}}}';
    const result = await service.execute(JSON.parse(body));
    const loaded = await service.loadPortfolio(SCHOOL_ID, 's1');
    expect({ loads: E.isRight(loaded) || loaded.left.message.en }).toEqual({ loads: true });
    if (E.isRight(result)) expect(E.isRight(loaded) && loaded.right.outcomes['o1']?.document).toBeUndefined();
  });
});
