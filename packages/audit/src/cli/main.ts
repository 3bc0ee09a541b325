import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_NAMES } from '../reports';
import { parseCommandLine, UsageError } from './args';
import { reportCommand, timelineCommand, verifyCommand } from './commands';
import { helpFor } from './help';
import { Failure, type CliIo } from './io';
import { repairCommand } from './repair';
import { transferCommand } from './transfer';
import { messageLangOfArgv, text } from './text';

export type { CliIo } from './io';

export const USAGE = `licheng — audit the event log of the student learning portfolio (學生學習歷程檔案)

  licheng --version | --help
  licheng audit verify (--events FILE.ndjson | --store CONNECTION | --data DIR) [--strict] [--public-key FILE.pem] [--json] [--lang zh-TW|en]
      re-decide every command, verify every hash chain and seal digest; exit 0 clean, 1 findings
  licheng report NAME --events FILE [--school ID] [--class C] [--period P] [--student ID]
                 [--at INSTANT | --position N] [--format table|csv|xlsx] [--out FILE] [--lang zh-TW|en]
      NAME is one of ${REPORT_NAMES.join(', ')}
  licheng timeline --events FILE --student ID [--school ID] [--lang zh-TW|en] [--at INSTANT]
  licheng transfer export --events FILE --school ID --student ID --out FILE [--now INSTANT] [--lang zh-TW|en]
  licheng transfer import --events FILE --bundle FILE --token T --school ID --out FILE.ndjson [--now INSTANT] [--actor ID] [--lang zh-TW|en]
  licheng repair quarantine (--events FILE | --store CONNECTION | --data DIR) --stream NAME --revision N --event-id ID
                 --hash SHA256 --reason TEXT [--actor ID] [--now INSTANT] [--out FILE] [--lang zh-TW|en]
      set aside one unreadable stored event, as the platform operator (docs/audit.md)

  --lang zh-TW prints every message and error in Traditional Chinese (findings and timelines default to it).
  INSTANT is a Taipei minute, e.g. 2023-04-18T10:29. licheng COMMAND --help describes every option of COMMAND.
  Exit codes: 0 done, 1 findings or refused, 2 bad usage or a malformed log, 3 a file or store that cannot be
  read or written, 4 an empty log (nothing audited).
  docs/audit.md explains the checks and the hash encoding.`;

const dispatch = (
  words: ReadonlyArray<string>,
  flags: Parameters<typeof verifyCommand>[0],
  io: CliIo,
): Promise<number> => {
  const [command, sub, ...rest] = words;
  if (
    rest.length > 0 ||
    (command !== 'audit' && command !== 'report' && command !== 'transfer' && command !== 'repair' && sub !== undefined)
  ) {
    throw new UsageError(text(`多餘的引數「${rest[0] ?? sub}」`, `unexpected argument "${rest[0] ?? sub}"`));
  }
  switch (command) {
    case 'audit':
      if (sub !== 'verify') {
        throw new UsageError(
          text(
            `audit 之後須接 verify，而非${sub === undefined ? '空白' : `「${sub}」`}`,
            `audit takes verify, not ${sub === undefined ? 'nothing' : `"${sub}"`}`,
          ),
        );
      }
      return verifyCommand(flags, io);
    case 'report':
      return reportCommand(sub, flags, io);
    case 'timeline':
      return timelineCommand(flags, io);
    case 'transfer':
      return transferCommand(sub, flags, io);
    case 'repair':
      return repairCommand(sub, flags, io);
    default:
      throw new UsageError(
        command === undefined
          ? text('未指定指令', 'no command given')
          : text(`不認識的指令「${command}」`, `unknown command "${command}"`),
      );
  }
};

/** The version of @licheng/audit, read from its package.json (src/cli and dist/cli sit two levels below it). */
const version = (): string =>
  (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Runs one command line; every error is one line on stderr, and the exit code says what kind. */
export const run = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  // Every line below is in the language of --lang, even when the rest of the command line is wrong.
  const say = messageLangOfArgv(argv);
  try {
    const { words, flags } = parseCommandLine(argv);
    if (flags.version) {
      io.out(version());
      return 0;
    }
    if (flags.help || words[0] === 'help') {
      io.out(helpFor(words[0] === 'help' ? words.slice(1) : words) ?? USAGE);
      return 0;
    }
    return await dispatch(words, flags, io);
  } catch (error) {
    io.progress(null);
    if (error instanceof UsageError) {
      io.err(
        say === 'zh-TW'
          ? `licheng: ${error.text['zh-TW']}（用法見 licheng --help）`
          : `licheng: ${error.text.en} (licheng --help for usage)`,
      );
      return 2;
    }
    if (error instanceof Failure) {
      io.err(error.line[say]);
      return error.exitCode;
    }
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    io.err(say === 'zh-TW' ? `licheng: INTERNAL_ERROR 內部錯誤：${reason}` : `licheng: INTERNAL_ERROR ${reason}`);
    return 1;
  }
};
