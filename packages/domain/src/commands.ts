import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { Actor } from './shared/actor';
import { decodeWith, ioTsDecoding, type DecodeStrategy } from './shared/decode';
import { domainError, type DomainError } from './shared/errors';
import { checkedJsonOf, plainCopyOf } from './shared/plain';
import { Id, withOptional } from './shared/primitives';
import { TaipeiInstant } from './shared/time';
import { PORTFOLIO_COMMAND_DATA, type PortfolioCommand } from './portfolio/commands';
import { SCHOOL_COMMAND_DATA, type SchoolCommand } from './school/commands';
import { SUBMISSION_COMMAND_DATA, type SubmissionCommand } from './submission/commands';

/**
 * Every command arrives in one envelope: who acts, when (R-TIME-3), the id that makes it idempotent, and
 * the ids that tie it to what caused it. The domain reads no clock, so `now` is part of the input.
 */
export const CommandEnvelope = withOptional(
  { commandId: Id, now: TaipeiInstant, actor: Actor, type: t.string, data: t.unknown },
  { correlationId: Id, causationId: Id },
  'CommandEnvelope',
);
export type CommandEnvelope = t.TypeOf<typeof CommandEnvelope>;
export type CommandMeta = Omit<CommandEnvelope, 'type' | 'data'>;

export type RoutedCommand =
  | { readonly aggregate: 'school'; readonly meta: CommandMeta; readonly command: SchoolCommand }
  | { readonly aggregate: 'portfolio'; readonly meta: CommandMeta; readonly command: PortfolioCommand }
  | { readonly aggregate: 'submission'; readonly meta: CommandMeta; readonly command: SubmissionCommand };

export type AggregateKind = RoutedCommand['aggregate'];

const DATA_CODECS: ReadonlyArray<readonly [AggregateKind, Readonly<Record<string, t.Mixed>>]> = [
  ['school', SCHOOL_COMMAND_DATA],
  ['portfolio', PORTFOLIO_COMMAND_DATA],
  ['submission', SUBMISSION_COMMAND_DATA],
];

export const COMMAND_TYPES: ReadonlyArray<string> = DATA_CODECS.flatMap(([, codecs]) => Object.keys(codecs));

/** The codec of each command type's `data`, by type. */
export const COMMAND_DATA_CODECS: Readonly<Record<string, t.Mixed>> = Object.assign(
  {},
  ...DATA_CODECS.map(([, codecs]) => codecs),
);

const unknownType = (type: string): DomainError<'INVALID_INPUT'> =>
  domainError(
    'INVALID_INPUT',
    null,
    `未知的指令類型「${type.slice(0, 64)}」`,
    `Unknown command type "${type.slice(0, 64)}"`,
    {
      paths: ['type'],
      problems: [{ path: 'type', expected: COMMAND_TYPES.join(' | '), actual: JSON.stringify(type.slice(0, 64)) }],
    },
  );

/** Per command type, its aggregate and the codec of `{ data }`: built once, so a strategy may cache by codec. */
const DATA_ENVELOPES: ReadonlyArray<readonly [string, AggregateKind, t.Mixed]> = DATA_CODECS.flatMap(
  ([aggregate, codecs]) =>
    Object.entries(codecs).map(([type, codec]) => [type, aggregate, t.type({ data: codec })] as const),
);

type DataDecoder = (input: unknown) => E.Either<DomainError<'INVALID_INPUT'>, { data: unknown }>;

/**
 * The command decoder that runs its codecs with `strategy` (io-ts's own decode unless a store plugs in a
 * faster one with the same answers). It decodes an untrusted command in full, before any rule runs: a plain
 * copy of its own data first (getters, proxies, lone surrogates and later mutation by the caller cannot reach
 * the decider: shared/plain.ts), then the envelope, then the data codec its type names. Failures name the
 * path (`data.document.sizeBytes`).
 */
export const createCommandDecoder = (
  strategy: DecodeStrategy = ioTsDecoding,
  options: {
    /**
     * 'parsed-json': the caller made the input itself from JSON it parsed (plain objects and arrays of own
     * data, nothing that can change under it), so the boundary copy is left out; its refusals are kept.
     */
    readonly input?: 'untrusted' | 'parsed-json';
  } = {},
): ((input: unknown) => E.Either<DomainError<'INVALID_INPUT'>, RoutedCommand>) => {
  const boundary = options.input === 'parsed-json' ? checkedJsonOf : plainCopyOf;
  const decoders = new Map<string, { readonly aggregate: AggregateKind; readonly decode: DataDecoder }>(
    DATA_ENVELOPES.map(([type, aggregate, codec]) => [
      type,
      { aggregate, decode: decodeWith(codec, `command ${type}`, strategy) as DataDecoder },
    ]),
  );
  const decodeEnvelope = decodeWith(CommandEnvelope, 'command', strategy);
  return (input) => {
    // Plain branches rather than a pipe: every command and every audited event passes through here.
    const plain = boundary(input, 'command');
    if (E.isLeft(plain)) return plain;
    const envelope = decodeEnvelope(plain.right);
    if (E.isLeft(envelope)) return envelope;
    const found = decoders.get(envelope.right.type);
    if (!found) return E.left(unknownType(envelope.right.type));
    const { type, data: _data, ...meta } = envelope.right;
    const decoded = found.decode({ data: envelope.right.data });
    if (E.isLeft(decoded)) return decoded;
    return E.right({ aggregate: found.aggregate, meta, command: { type, data: decoded.right.data } } as RoutedCommand);
  };
};

/** `createCommandDecoder()` with io-ts's own decode: the readable definition, for tests, tools and audits. */
export const decodeCommand = createCommandDecoder();
