import { parseArgs } from 'node:util';
import { TaipeiInstant } from '@licheng/domain';
import type { Cut } from '../asOf';
import { text, type Text } from './text';

/** A mistake in how licheng was called: exit 2, one line, in the chosen language. */
export class UsageError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** node:util's parseArgs explains in English; the kinds of mistake it reports, in both languages. */
const parseMistake = (error: unknown): Text => {
  const en = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
  const option = /'(-[^']*)'/.exec(en)?.[1] ?? '';
  switch ((error as { code?: unknown }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return text(`不認識的選項 ${option}`, en);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return text(
        /argument (missing|is ambiguous)/.test(en)
          ? `選項 ${option.split(' ')[0]} 需要一個值`
          : `選項 ${option.split(' ')[0]} 不接受值`,
        en,
      );
    default:
      return text(`無法解讀命令列：${en}`, en);
  }
};

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
  stream: { type: 'string' },
  revision: { type: 'string' },
  'event-id': { type: 'string' },
  hash: { type: 'string' },
  reason: { type: 'string' },
  'command-id': { type: 'string' },
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
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    return { words: positionals, flags: values as Flags };
  } catch (error) {
    throw new UsageError(parseMistake(error));
  }
};

/** Refuses flags the command does not take, so that a typo never silently changes an answer. */
export const allowOnly = (command: string, flags: Flags, allowed: ReadonlyArray<Flag>): void => {
  const stray = (Object.keys(flags) as Flag[]).find(
    (flag) => flag !== 'help' && flag !== 'version' && !allowed.includes(flag),
  );
  if (stray) throw new UsageError(text(`${command} 沒有 --${stray} 這個選項`, `${command} does not take --${stray}`));
};

export const required = (command: string, flags: Flags, flag: Flag): string => {
  const value = flags[flag];
  if (typeof value !== 'string' || value === '')
    throw new UsageError(text(`${command} 需要 --${flag}`, `${command} needs --${flag}`));
  return value;
};

/** `2023-04-18T10:29` or `2023-04-18T10:29+08:00`: a Taipei minute (R-TIME-2). */
export const instantOf = (flag: string, given: string): TaipeiInstant => {
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(given) ? `${given}+08:00` : given;
  if (!TaipeiInstant.is(withZone))
    throw new UsageError(
      text(
        `--${flag} 須為臺北時間的分鐘，例如 2023-04-18T10:29，而非「${given}」`,
        `--${flag} takes a Taipei minute such as 2023-04-18T10:29, not "${given}"`,
      ),
    );
  return withZone;
};

/** `--at` or `--position`, not both; nothing means the whole log. */
export const cutOf = (flags: Flags): Cut | undefined => {
  if (flags.at !== undefined && flags.position !== undefined)
    throw new UsageError(text('--at 與 --position 只能擇一', 'give --at or --position, not both'));
  if (flags.at !== undefined) return { at: instantOf('at', flags.at) };
  if (flags.position !== undefined) {
    if (!/^\d+$/.test(flags.position))
      throw new UsageError(
        text(
          `--position 須為全域位置（整數），而非「${flags.position}」`,
          `--position takes a global position (a whole number), not "${flags.position}"`,
        ),
      );
    return { position: Number(flags.position) };
  }
  return undefined;
};

export const langOf = (flags: Flags): 'zh-TW' | 'en' => {
  const lang = flags.lang ?? 'zh-TW';
  if (lang !== 'zh-TW' && lang !== 'en')
    throw new UsageError(text(`--lang 須為 zh-TW 或 en，而非「${lang}」`, `--lang takes zh-TW or en, not "${lang}"`));
  return lang;
};
