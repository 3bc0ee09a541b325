import * as crypto from 'node:crypto';
import {
  headsDigest,
  linkHash,
  GENESIS_HASH,
  sealKeyFromPem,
  storedContentHash,
  type RecordedEvent,
  type StreamHead,
} from '@licheng/eventstore';
import { auditLog } from './audit';
import type { FindingKind } from './findings';
import { linesOf, logOf, rechain, simulatedYear } from './testing/histories';

/**
 * The tamper catalogue (issue 16, docs/audit.md "Threat model"): a school year with signed seals, edited
 * as someone with write access to the store could. Each tamper names the finding kinds the verifier must
 * report with the deadline runner's public key, and without it; `[]` without the key marks what only the
 * signature can reveal (a writer who recomputes every hash chain and seal digest).
 */

type Row = RecordedEvent & { metadata: Record<string, unknown>; data: Record<string, unknown> };
type Lines = ReadonlyArray<string>;

const keys = crypto.generateKeyPairSync('ed25519');
const sealKey = sealKeyFromPem(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const attacker = sealKeyFromPem(
  crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);

let lines: string[];
const parse = (line: string) => JSON.parse(line) as Row;
const rows = (ls: Lines) => ls.map(parse);
const edit = (ls: Lines, index: number, change: (row: Row) => Row): string[] =>
  ls.map((line, i) => (i === index ? JSON.stringify(change(parse(line))) : line));
const without = (ls: Lines, index: number): string[] => ls.filter((_, i) => i !== index);
const streamOf = (ls: Lines, index: number) => parse(ls[index]!).streamName;

/** Renumbers a stream's revisions in file order and re-hashes it: an edit that leaves the chain whole. */
const renumber = (ls: Lines, streamName: string): string[] => {
  let revision = 0;
  return rechain(
    ls.map((line) =>
      parse(line).streamName === streamName ? JSON.stringify({ ...parse(line), revision: revision++ }) : line,
    ),
    streamName,
  );
};

const sealIndexes = () =>
  lines
    .map((line, i) => [parse(line), i] as const)
    .filter(([r]) => r.type === 'PeriodSealed')
    .map(([, i]) => i);
/** An event of a covered portfolio stream before the first seal (or after the last). */
const portfolioIndex = (where: 'before' | 'after'): number => {
  const seals = sealIndexes();
  const first = seals[0]!;
  const last = seals[seals.length - 1]!;
  const ok = (i: number) => (where === 'before' ? i < first : i > last);
  const found = lines.findIndex(
    (line, i) => ok(i) && parse(line).streamName.startsWith('portfolio-') && parse(line).revision > 0,
  );
  if (found < 0) throw new Error(`no portfolio event ${where} the seals`);
  return found;
};
const indexOfStream = (prefix: string, before: number) =>
  lines.findIndex((line, i) => i < before && parse(line).streamName.startsWith(prefix) && parse(line).revision > 0);

/**
 * The seal re-stated as a writer would make it agree with the log as it now stands: heads, digest, and the school
 * stream re-chained.
 */
const reseal = (ls: Lines, sealIndex: number, sign?: typeof attacker): string[] => {
  const seal = parse(ls[sealIndex]!);
  const school = seal.streamName.slice('school-'.length);
  const streams = new Map<string, Row[]>();
  for (const row of rows(ls).slice(0, sealIndex)) {
    if (
      row.streamName === seal.streamName ||
      row.streamName.startsWith(`portfolio-${school}-`) ||
      row.streamName.startsWith(`submission-${school}-`)
    ) {
      streams.set(row.streamName, [...(streams.get(row.streamName) ?? []), row]);
    }
  }
  const heads: StreamHead[] = [...streams].map(([name, events]) => {
    let prev = GENESIS_HASH;
    for (const event of [...events].sort((a, b) => a.revision - b.revision)) prev = linkHash(prev, event);
    return [name, events[events.length - 1]!.revision, prev] as const;
  });
  const digest = headsDigest(heads);
  const old = seal.data['integrity'] as { signature?: unknown };
  const signature = sign
    ? {
        algorithm: 'Ed25519',
        keyId: sign.keyId,
        value: crypto.sign(null, Buffer.from('forged'), sign.privateKey).toString('base64'),
      }
    : old.signature;
  const integrity = { heads: heads.map((h) => [...h]), ...(signature ? { signature } : {}) };
  return rechain(
    edit(ls, sealIndex, (r) => ({ ...r, data: { ...r.data, digest, integrity } })),
    seal.streamName,
  );
};

interface Tamper {
  readonly name: string;
  readonly make: () => string[];
  /** Finding kinds (besides `unverifiable` notices) with the public key. */
  readonly withKey: ReadonlyArray<FindingKind>;
  /** Without it; `[]`: undetectable without the key. */
  readonly keyless: ReadonlyArray<FindingKind>;
}

const changeData = (row: Row): Row => ({ ...row, data: { ...row.data, forged: true } });
const changeActor = (row: Row): Row => ({
  ...row,
  metadata: { ...row.metadata, actor: { id: 'intruder', role: 'admin' } },
});

const perEvent = (label: string, index: () => number): Tamper[] => {
  // Every event here is covered by the seals: any edit, re-chained or not, changes a covered head.
  const sealed = (...kinds: FindingKind[]): Pick<Tamper, 'withKey' | 'keyless'> => ({
    withKey: [...kinds, 'digest-mismatch'],
    keyless: [...kinds, 'digest-mismatch'],
  });
  return [
    { name: `${label}: data changed`, make: () => edit(lines, index(), changeData), ...sealed('changed') },
    {
      name: `${label}: data changed, stream re-chained`,
      make: () => rechain(edit(lines, index(), changeData), streamOf(lines, index())),
      ...sealed(),
    },
    {
      name: `${label}: metadata only (actor) changed`,
      make: () => edit(lines, index(), changeActor),
      ...sealed('changed'),
    },
    {
      name: `${label}: metadata only, re-chained`,
      make: () => rechain(edit(lines, index(), changeActor), streamOf(lines, index())),
      ...sealed(),
    },
    {
      name: `${label}: deleted, renumbered and re-chained`,
      make: () => renumber(without(lines, index()), streamOf(lines, index())),
      ...sealed(),
    },
    {
      name: `${label}: duplicated`,
      make: () => [...lines.slice(0, index() + 1), lines[index()]!, ...lines.slice(index() + 1)],
      ...sealed('inserted'),
    },
    {
      // The forged line keeps the position of the one it precedes, so the log's order gives it away too.
      name: `${label}: forged event inserted before it, renumbered and re-chained`,
      make: () =>
        renumber(
          [...lines.slice(0, index()), JSON.stringify(changeData(parse(lines[index()]!))), ...lines.slice(index())],
          streamOf(lines, index()),
        ),
      ...sealed('reordered'),
    },
    {
      name: `${label}: swapped with the stream's previous event`,
      make: () => {
        const i = index();
        const stream = streamOf(lines, i);
        let j = i - 1;
        while (parse(lines[j]!).streamName !== stream) j--;
        return lines
          .map((line, k) => (k === i ? lines[j]! : k === j ? lines[i]! : line))
          .map((line, k) =>
            k === i || k === j ? JSON.stringify({ ...parse(line), revision: parse(lines[k]!).revision }) : line,
          );
      },
      // Their dates now run backwards too (R-TIME-4), unless both were recorded at the same minute (the school's
      // set-up).
      ...sealed('reordered', ...(label === 'school event' ? [] : ['time-backwards' as const])),
    },
  ];
};

/**
 * Seal `n` of the log. A later seal covers the school stream, so re-chaining it after editing an earlier
 * seal is caught by the later seal's heads (`digest-mismatch`) even without the key; only the last seal
 * can be forged wholesale without the key.
 */
const perSeal = (which: 'first' | 'last'): Tamper[] => {
  const n = which;
  const at = () => (which === 'first' ? sealIndexes()[0]! : sealIndexes()[sealIndexes().length - 1]!);
  const later: FindingKind[] = which === 'first' ? ['digest-mismatch'] : [];
  const k = (...kinds: FindingKind[]) => [...new Set([...kinds, ...later])];
  const school = () => streamOf(lines, at());
  const dataOf = (i: number) => parse(lines[i]!).data;
  return [
    {
      name: `seal ${n}: digest nulled, school stream re-chained`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => ({ ...r, data: { ...r.data, digest: null } })),
          school(),
        ),
      withKey: k('unsigned-seal', 'unprotected-seal'),
      keyless: k('unprotected-seal'),
    },
    {
      name: `seal ${n}: coverage removed, re-chained`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => ({ ...r, data: { ...r.data, integrity: undefined } })),
          school(),
        ),
      withKey: k('unsigned-seal', 'unprotected-seal'),
      keyless: k('unprotected-seal'),
    },
    {
      name: `seal ${n}: downgraded to schema 2 without a digest, re-chained`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => ({
            ...r,
            data: { category: r.data['category'], period: r.data['period'], digest: null },
            metadata: { ...r.metadata, schemaVersion: 2 },
          })),
          school(),
        ),
      withKey: k('unsigned-seal', 'unprotected-seal'),
      keyless: k('unprotected-seal'),
    },
    {
      name: `seal ${n}: downgraded to schema 1, re-chained`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => ({
            ...r,
            data: { category: r.data['category'], period: r.data['period'] },
            metadata: { ...r.metadata, schemaVersion: 1, command: undefined },
          })),
          school(),
        ),
      withKey: which === 'first' ? k('unsigned-seal') : ['unsigned-seal', 'unprotected-seal'],
      // Only a later-schema seal before it gives a downgrade away without the key.
      keyless: which === 'first' ? k() : ['unprotected-seal'],
    },
    {
      name: `seal ${n}: signature removed, re-chained`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => ({
            ...r,
            data: { ...r.data, integrity: { heads: (dataOf(at())['integrity'] as { heads: unknown }).heads } },
          })),
          school(),
        ),
      withKey: k('unsigned-seal'),
      keyless: k(),
    },
    {
      name: `seal ${n}: signed by another key, re-chained`,
      make: () => reseal(lines, at(), attacker),
      withKey: k('unsigned-seal'),
      keyless: k(),
    },
    {
      // The round a seal closes, changed in the seal and in its recorded command alike: the re-decision agrees,
      // heads and digest are untouched; only the signature, which covers the cohorts since statement 2, tells.
      name: `seal ${n}: cohorts changed with its recorded command, re-chained`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => {
            const command = r.metadata['command'] as { type: string; data: Record<string, unknown> };
            return {
              ...r,
              data: { ...r.data, cohorts: [999] },
              metadata: { ...r.metadata, command: { ...command, data: { ...command.data, cohorts: [999] } } },
            };
          }),
          school(),
        ),
      withKey: k('unsigned-seal'),
      keyless: k(),
    },
    {
      name: `seal ${n}: digest changed, heads kept`,
      make: () =>
        rechain(
          edit(lines, at(), (r) => ({ ...r, data: { ...r.data, digest: 'f'.repeat(64) } })),
          school(),
        ),
      withKey: ['unsigned-seal', 'digest-mismatch'],
      keyless: ['digest-mismatch'],
    },
    // Beyond any seal: the last seal removed whole leaves nothing that says it was there (docs/audit.md).
    {
      name: `seal ${n}: deleted, school stream renumbered`,
      make: () => renumber(without(lines, at()), school()),
      withKey: k(),
      keyless: k(),
    },
  ];
};

/**
 * Issue 16, item 6: a quarantine record, as a store writer would append one to the stream of the event at
 * `index` (in file order after the last event), setting that event aside, and the stream re-chained.
 */
const quarantined = (ls: Lines, index: number): string[] => {
  const target = parse(ls[index]!);
  const tail = rows(ls)
    .filter((r) => r.streamName === target.streamName)
    .pop()!;
  const record = {
    eventId: 'forged-quarantine',
    streamName: target.streamName,
    revision: tail.revision + 1,
    position: ls.length,
    type: 'EventQuarantined',
    data: {
      revision: target.revision,
      eventId: target.eventId,
      contentHash: storedContentHash(target),
      reason: 'forged',
    },
    metadata: {
      occurredAt: parse(ls[ls.length - 1]!).metadata['occurredAt'],
      actor: { id: 'ops', role: 'system' },
      commandId: 'forged-quarantine',
      correlationId: 'forged-quarantine',
      causationId: 'forged-quarantine',
      schemaVersion: 1,
    },
  };
  return rechain([...ls, JSON.stringify(record)], target.streamName);
};
/** The event's data made unreadable (its outcome id gone) and its stream re-chained. */
const unreadable = (ls: Lines, index: number): string[] =>
  rechain(
    edit(ls, index, (r) => {
      const { outcomeId: _gone, ...data } = r.data;
      return { ...r, data };
    }),
    streamOf(ls, index),
  );
const outcomeEventIndex = () =>
  lines.findIndex((line, i) => i < sealIndexes()[0]! && 'outcomeId' in parse(line).data && parse(line).revision > 0);

const TAMPERS: Tamper[] = [
  ...perEvent('portfolio event', () => portfolioIndex('before')),
  ...perEvent('school event', () => indexOfStream('school-', sealIndexes()[0]!)),
  ...perEvent('submission event', () => indexOfStream('submission-', sealIndexes()[0]!)),
  ...perSeal('first'),
  ...perSeal('last'),
  {
    // The whole forgery a store writer without the key can make: nothing but the signatures gives it away.
    name: 'a covered event changed, its stream re-chained, every seal re-stated and the school stream re-chained',
    make: () => {
      const i = portfolioIndex('before');
      return sealIndexes().reduce(
        (ls, seal) => reseal(ls, seal),
        rechain(edit(lines, i, changeData), streamOf(lines, i)),
      );
    },
    withKey: ['unsigned-seal'],
    keyless: [],
  },
  {
    name: 'a portfolio event deleted (its stream not re-chained)',
    make: () => without(lines, portfolioIndex('before')),
    withKey: ['digest-mismatch', 'removed'],
    keyless: ['digest-mismatch', 'removed'],
  },
  {
    // Beyond every seal: what comes after the last seal is protected by the hash chain only, until the next seal.
    name: 'a re-chained event appended after the last seal',
    make: () => {
      const last = parse(lines[portfolioIndex('before')]!);
      const tail = rows(lines)
        .filter((r) => r.streamName === last.streamName)
        .pop()!;
      const forged = {
        ...tail,
        revision: tail.revision + 1,
        position: lines.length,
        eventId: 'forged-after',
        metadata: {
          ...tail.metadata,
          occurredAt: parse(lines[lines.length - 1]!).metadata['occurredAt'],
          commandId: 'forged-after',
          command: undefined,
        },
      };
      return rechain([...lines, JSON.stringify(forged)], last.streamName);
    },
    withKey: [],
    keyless: [],
  },
  {
    // A writer cannot drop a readable fact by "quarantining" it: readers fold it anyway, the audit says so.
    name: 'a readable covered event set aside by a forged quarantine record, re-chained',
    make: () => quarantined(lines, portfolioIndex('before')),
    withKey: ['bad-quarantine'],
    keyless: ['bad-quarantine'],
  },
  {
    // Made unreadable, then set aside "properly": the undecodable event stays a finding, the seal covered it.
    name: 'a covered event made unreadable, re-chained and quarantined',
    make: () => quarantined(unreadable(lines, outcomeEventIndex()), outcomeEventIndex()),
    withKey: ['digest-mismatch', 'quarantined', 'undecodable'],
    keyless: ['digest-mismatch', 'quarantined', 'undecodable'],
  },
  {
    name: 'a quarantined event edited after its quarantine, re-chained',
    make: () => {
      const i = outcomeEventIndex();
      const later = (r: Row): Row => ({ ...r, data: { ...r.data, description: 'later' } });
      return rechain(edit(quarantined(unreadable(lines, i), i), i, later), streamOf(lines, i));
    },
    withKey: ['bad-quarantine', 'digest-mismatch', 'undecodable'],
    keyless: ['bad-quarantine', 'digest-mismatch', 'undecodable'],
  },
  {
    name: 'a covered portfolio stream removed whole',
    make: () => {
      const stream = streamOf(lines, portfolioIndex('before'));
      return lines.filter((line) => parse(line).streamName !== stream);
    },
    withKey: ['digest-mismatch'],
    keyless: ['digest-mismatch'],
  },
  {
    name: 'a covered portfolio stream truncated',
    make: () => {
      const stream = streamOf(lines, portfolioIndex('before'));
      return lines.filter((line) => parse(line).streamName !== stream || parse(line).revision < 1);
    },
    withKey: ['digest-mismatch'],
    keyless: ['digest-mismatch'],
  },
];

const kindsOf = (ls: Lines, withKey: boolean): FindingKind[] => {
  const report = auditLog(logOf(ls), withKey ? { publicKey: keys.publicKey } : {});
  return [
    ...new Set(
      report.findings
        .map((f) => f.kind)
        .filter((k) => k !== 'unverifiable' && k !== 'refused' && k !== 'mismatch' && k !== 'inconsistent'),
    ),
  ].sort();
};

beforeAll(async () => {
  lines = linesOf((await simulatedYear(4, 111, sealKey)).records);
}, 60_000);

describe('the tamper catalogue (issue 16)', () => {
  it('holds at least forty tampers', () => expect(TAMPERS.length).toBeGreaterThanOrEqual(40));

  it('finds nothing in the untouched signed log, with the key and without', () => {
    expect(sealIndexes().length).toBeGreaterThanOrEqual(2);
    expect(kindsOf(lines, true)).toEqual([]);
    expect(kindsOf(lines, false)).toEqual([]);
  });

  it.each(TAMPERS.map((t) => [t.name, t] as const))('%s', (_name, tamper) => {
    const edited = tamper.make();
    expect({ withKey: kindsOf(edited, true), keyless: kindsOf(edited, false) }).toEqual({
      withKey: [...tamper.withKey].sort(),
      keyless: [...tamper.keyless].sort(),
    });
  });
});
