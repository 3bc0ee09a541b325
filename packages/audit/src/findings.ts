import type { BilingualMessage, RuleId } from '@licheng/domain';

/**
 * What an audit can find. The chain kinds say how a stream's stored events differ from what was chained
 * (docs/audit.md); `digest-mismatch` is a seal whose digest no longer matches the heads it covered;
 * `unprotected-seal` a seal this release wrote that lost its digest (or was downgraded); `unsigned-seal` a
 * seal without a valid signature by the key given to the verifier;
 * `undecodable` is a stored event its codec refuses; `inconsistent` one that decodes but cannot follow
 * from its stream (inconsistent.ts); `mismatch` and `refused` are commands that, decided again, give other
 * events or are refused; `time-backwards` is an event dated before one recorded earlier in its school
 * (R-TIME-4). `unverifiable` is a notice, not an error: events stored before
 * commands were recorded (or imported from another school) cannot be decided again. `quarantined` is a
 * notice beside the `undecodable` finding an operator's quarantine record answers (issue 16, item 6);
 * `bad-quarantine` a quarantine record that answers none (a readable or unknown event, another content
 * hash, an actor other than the platform's operator) or does not decode.
 */
export type FindingKind =
  | 'changed'
  | 'removed'
  | 'inserted'
  | 'reordered'
  | 'hash-missing'
  | 'digest-mismatch'
  | 'unprotected-seal'
  | 'unsigned-seal'
  | 'undecodable'
  | 'quarantined'
  | 'bad-quarantine'
  | 'inconsistent'
  | 'mismatch'
  | 'refused'
  | 'time-backwards'
  | 'unverifiable';

export const FINDING_KINDS: ReadonlyArray<FindingKind> = [
  'changed',
  'removed',
  'inserted',
  'reordered',
  'hash-missing',
  'digest-mismatch',
  'unprotected-seal',
  'unsigned-seal',
  'undecodable',
  'quarantined',
  'bad-quarantine',
  'inconsistent',
  'mismatch',
  'refused',
  'time-backwards',
  'unverifiable',
];

/** Kinds that make `licheng audit verify` exit 1; the rest are counted and listed, and pass. */
export const isError = (kind: FindingKind, strict = false): boolean =>
  kind !== 'quarantined' && (strict || kind !== 'unverifiable');

export interface Finding {
  readonly kind: FindingKind;
  readonly streamName: string;
  /** The revision the finding is about (for `removed`, the missing one). */
  readonly revision: number;
  /** The line of the log file, when the event is in it. */
  readonly line: number | null;
  readonly commandId: string | null;
  /** The recorded command's type, when the finding is about a command. */
  readonly commandType: string | null;
  /** The rule the re-decision refused by, when it did. */
  readonly rule: RuleId | null;
  readonly message: BilingualMessage;
  /** Both versions where there are two: `stored` and `decided` (or `expected`). */
  readonly details: Readonly<Record<string, unknown>>;
}

export const finding = (
  kind: FindingKind,
  at: { readonly streamName: string; readonly revision: number; readonly line?: number | null },
  zhTW: string,
  en: string,
  more: Partial<Pick<Finding, 'commandId' | 'commandType' | 'rule' | 'details'>> = {},
): Finding => ({
  kind,
  streamName: at.streamName,
  revision: at.revision,
  line: at.line ?? null,
  commandId: more.commandId ?? null,
  commandType: more.commandType ?? null,
  rule: more.rule ?? null,
  message: { 'zh-TW': zhTW, en },
  details: more.details ?? {},
});

export const countByKind = (findings: ReadonlyArray<Finding>): Readonly<Record<FindingKind, number>> => {
  const counts = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<FindingKind, number>;
  for (const f of findings) counts[f.kind] += 1;
  return counts;
};

/** `changed  portfolio-s-1090001 #12 (events.ndjson:345): the stored hash …` */
export const formatFinding = (f: Finding, file: string | null, lang: 'zh-TW' | 'en' = 'en'): string => {
  const where = f.line !== null && file !== null ? ` (${file}:${f.line})` : '';
  const command = f.commandType ? ` ${f.commandType}` : '';
  const rule = f.rule ? ` [${f.rule}]` : '';
  return `${f.kind.padEnd(15)} ${f.streamName} #${f.revision}${where}${command}${rule}: ${f.message[lang]}`;
};
