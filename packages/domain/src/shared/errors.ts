import type { RuleId } from './rules';

/** A message in Traditional Chinese and in English; every rejection carries both. */
export interface BilingualMessage {
  readonly 'zh-TW': string;
  readonly en: string;
}

/**
 * Why a command was refused. `code` is stable across releases and safe to switch on; `rule` names the
 * rule of RULES.md that refused it, or is `null` for refusals that no domain rule makes (malformed input,
 * a store conflict that outlived its retries); `details` carries the values that broke it.
 */
export interface DomainError<Code extends string = string> {
  readonly _tag: 'DomainError';
  readonly code: Code;
  readonly rule: RuleId | null;
  readonly message: BilingualMessage;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The most of any one string a refusal repeats back: an error must not grow with the input (a 10 MiB MIME type). */
export const MAX_ECHO = 256;
const MAX_MESSAGE = 1_024;

const capText = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * Strings in `details` cut to MAX_ECHO, to a few levels (details are small records; deeper values are kept as given).
 */
const capDetails = (value: unknown, depth: number): unknown => {
  if (typeof value === 'string') return capText(value, MAX_ECHO);
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => capDetails(item, depth + 1));
  const capped: Record<string, unknown> = {};
  for (const key of Object.keys(value)) capped[key] = capDetails((value as Record<string, unknown>)[key], depth + 1);
  return capped;
};

export const domainError = <Code extends string>(
  code: Code,
  rule: RuleId | null,
  zhTW: string,
  en: string,
  details: Readonly<Record<string, unknown>> = {},
): DomainError<Code> => ({
  _tag: 'DomainError',
  code,
  rule,
  message: { 'zh-TW': capText(zhTW, MAX_MESSAGE), en: capText(en, MAX_MESSAGE) },
  details: capDetails(details, 0) as Readonly<Record<string, unknown>>,
});

export const isDomainError = (u: unknown): u is DomainError =>
  typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'DomainError';

/** A human-readable rendering for logs: `[CODE R-SEL-1] English message`. */
export const formatError = (error: DomainError, lang: 'zh-TW' | 'en' = 'en'): string =>
  `[${error.code}${error.rule ? ` ${error.rule}` : ''}] ${error.message[lang]}`;
