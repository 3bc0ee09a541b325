import { parseArgs } from 'node:util';
import { TaipeiInstant } from '@licheng/domain';
import type { Cut } from '../asOf';

/** A mistake in how licheng was called: exit 2, one line. */
export class UsageError extends Error {}

const OPTIONS = {
  events: { type: 'string' },
  store: { type: 'string' },
  data: { type: 'string' },
  school: { type: 'string' },
  class: { type: 'string' },
  period: { type: 'string' },
  student: { type: 'string' },
  at: { type: 'string' },
  position: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  bundle: { type: 'string' },
  token: { type: 'string' },
  now: { type: 'string' },
  actor: { type: 'string' },
  'public-key': { type: 'string' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export type Flag = keyof typeof OPTIONS;
export type Flags = { readonly [K in Flag]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export interface Parsed {
  readonly words: ReadonlyArray<string>;
  readonly flags: Flags;
}

/** Parses the whole command line strictly; an unknown flag or a flag without its value is a usage error. */
export const parseCommandLine = (argv: ReadonlyArray<string>): Parsed => {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
    return { words: positionals, flags: values as Flags };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
};

/** Refuses flags the command does not take, so that a typo never silently changes an answer. */
export const allowOnly = (command: string, flags: Flags, allowed: ReadonlyArray<Flag>): void => {
  const stray = (Object.keys(flags) as Flag[]).find((flag) => flag !== 'help' && flag !== 'version' && !allowed.includes(flag));
  if (stray) throw new UsageError(`${command} does not take --${stray}`);
};

export const required = (command: string, flags: Flags, flag: Flag): string => {
  const value = flags[flag];
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command} needs --${flag}`);
  return value;
};

/** `2023-04-18T10:29` or `2023-04-18T10:29+08:00`: a Taipei minute (R-TIME-2). */
export const instantOf = (flag: string, text: string): TaipeiInstant => {
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}+08:00` : text;
  if (!TaipeiInstant.is(withZone)) throw new UsageError(`--${flag} takes a Taipei minute such as 2023-04-18T10:29, not "${text}"`);
  return withZone;
};

/** `--at` or `--position`, not both; nothing means the whole log. */
export const cutOf = (flags: Flags): Cut | undefined => {
  if (flags.at !== undefined && flags.position !== undefined) throw new UsageError('give --at or --position, not both');
  if (flags.at !== undefined) return { at: instantOf('at', flags.at) };
  if (flags.position !== undefined) {
    if (!/^\d+$/.test(flags.position)) throw new UsageError(`--position takes a global position (a whole number), not "${flags.position}"`);
    return { position: Number(flags.position) };
  }
  return undefined;
};

export const langOf = (flags: Flags): 'zh-TW' | 'en' => {
  const lang = flags.lang ?? 'zh-TW';
  if (lang !== 'zh-TW' && lang !== 'en') throw new UsageError(`--lang takes zh-TW or en, not "${lang}"`);
  return lang;
};
