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

export const domainError = <Code extends string>(
  code: Code,
  rule: RuleId | null,
  zhTW: string,
  en: string,
  details: Readonly<Record<string, unknown>> = {},
): DomainError<Code> => ({ _tag: 'DomainError', code, rule, message: { 'zh-TW': zhTW, en }, details });

export const isDomainError = (u: unknown): u is DomainError =>
  typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'DomainError';

/** A human-readable rendering for logs: `[CODE R-SEL-1] English message`. */
export const formatError = (error: DomainError, lang: 'zh-TW' | 'en' = 'en'): string =>
  `[${error.code}${error.rule ? ` ${error.rule}` : ''}] ${error.message[lang]}`;
