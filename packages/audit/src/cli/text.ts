import type { Flags } from './args';

export type Lang = 'zh-TW' | 'en';

/** One message of the command line in both of its languages. */
export interface Text {
  readonly 'zh-TW': string;
  readonly en: string;
}

export const text = (zh: string, en: string): Text => ({ 'zh-TW': zh, en });

/**
 * The language of the command line's own lines (errors, status, summaries): `--lang` when given. Without it
 * they stay in English as before, while findings and timelines default to zh-TW (docs/audit.md).
 */
export const messageLangOf = (flags: Flags): Lang => (flags.lang === 'zh-TW' ? 'zh-TW' : 'en');

/** The same, read from the raw arguments, for a command line that could not be parsed. */
export const messageLangOfArgv = (argv: ReadonlyArray<string>): Lang => {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--lang') return argv[i + 1] === 'zh-TW' ? 'zh-TW' : 'en';
    if (arg.startsWith('--lang=')) return arg === '--lang=zh-TW' ? 'zh-TW' : 'en';
  }
  return 'en';
};
