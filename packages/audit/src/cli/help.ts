import { REPORT_NAMES } from '../reports';

/**
 * `licheng COMMAND --help`: every option of one command, described. A command added to the CLI adds its
 * entry here (and a line to USAGE in main.ts); cli.test.ts checks that each command's help names every
 * option the command takes.
 */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  'audit verify': `licheng audit verify (--events FILE.ndjson | --store CONNECTION | --data DIR) [--strict] [--public-key FILE.pem] [--json] [--lang zh-TW|en]

  Re-decides every recorded command, verifies every hash chain, seal and the order of time.

  --events FILE     the NDJSON event log to audit (as \`npm start -- --out DIR\` writes it)
  --store CONN      a KurrentDB connection string (kurrentdb://…, esdb://…) or a PostgreSQL one
                    (postgres://…) to audit instead of a file; KurrentDB needs @kurrent/kurrentdb-client
                    installed; never printed (it may hold a password)
  --data DIR        a PGlite directory (as \`npm start -- --data DIR\` keeps it) to audit instead of a file
  --strict          count events stored without a recorded command as findings, not notices
  --public-key FILE the deadline runner's Ed25519 public key (PEM): every seal must carry its valid
                    signature (docs/audit.md)
  --json            print the whole audit report as JSON
  --lang zh-TW|en   the language of the findings (default zh-TW) and, when given, of every other line and error

  Exit: 0 clean, 1 findings, 2 bad usage or a malformed log, 3 unreadable file or store, 4 an empty log.`,
  report: `licheng report NAME --events FILE [--school ID] [--class C] [--period P] [--student ID]
               [--at INSTANT | --position N] [--format table|csv|xlsx|html] [--out FILE] [--lang zh-TW|en]

  Builds one report from the log, as of an instant or a global position.

  NAME              one of ${REPORT_NAMES.join(', ')}
  --events FILE     the NDJSON event log
  --school ID       the school (needed when the log holds more than one)
  --class C         the class, for class reports
  --period P        the term (e.g. 1112) or school year the report covers
  --student ID      the student, for a student's notice
  --at INSTANT      the report as of this Taipei minute, e.g. 2023-04-18T10:29
  --position N      the report as of this global position of the log
  --format F        table (default), csv (UTF-8 with BOM), xlsx or html (one page, chart inline); inferred from --out's .csv, .xlsx or .html
  --out FILE        write to FILE instead of printing
  --lang zh-TW|en   the language of messages and errors (default en; the report itself is in zh-TW)

  Exit: 0 done, 1 refused, 2 bad usage or a malformed log, 3 unreadable or unwritable file.`,
  timeline: `licheng timeline --events FILE --student ID [--school ID] [--lang zh-TW|en] [--at INSTANT | --position N]

  One student's history, event by event.

  --events FILE     the NDJSON event log
  --student ID      the student
  --school ID       the school (needed when the log holds more than one)
  --lang zh-TW|en   the language of the timeline (default zh-TW) and, when given, of errors
  --at INSTANT      the timeline as of this Taipei minute
  --position N      the timeline as of this global position

  Exit: 0 done, 1 refused, 2 bad usage or a malformed log, 3 unreadable file.`,
  'transfer export': `licheng transfer export --events FILE --school ID --student ID --out FILE [--now INSTANT] [--lang zh-TW|en]

  Writes a transferring student's portfolio as a bundle, and prints the token the receiving school needs.

  --events FILE     the NDJSON event log of the sending school
  --school ID       the sending school
  --student ID      the student
  --out FILE        the bundle to write (JSON)
  --now INSTANT     the Taipei minute of the export (default: now)
  --lang zh-TW|en   the language of messages and errors (default en)

  Exit: 0 done, 1 refused, 2 bad usage or a malformed log, 3 unreadable or unwritable file.`,
  'transfer import': `licheng transfer import --events FILE --bundle FILE --token T --school ID --out FILE.ndjson [--now INSTANT] [--actor ID] [--lang zh-TW|en]

  Imports a bundle into the receiving school's log and writes the log with it.

  --events FILE     the NDJSON event log of the receiving school
  --bundle FILE     the bundle written by transfer export
  --token T         the token printed by transfer export
  --school ID       the receiving school
  --out FILE        the log to write, with the imported events (NDJSON)
  --now INSTANT     the Taipei minute of the import (default: now)
  --actor ID        the administrator who imports (default: admin)
  --lang zh-TW|en   the language of messages and errors (default en)

  Exit: 0 done, 1 refused, 2 bad usage or a malformed log, 3 unreadable or unwritable file.`,
  'repair quarantine': `licheng repair quarantine (--events FILE | --store CONNECTION | --data DIR) --stream NAME --revision N
                 --event-id ID --hash SHA256 --reason TEXT [--actor ID] [--now INSTANT] [--command-id ID] [--out FILE] [--lang zh-TW|en]

  Sets aside one stored event that no longer reads (issue 16, item 6): appends an EventQuarantined record,
  chained like any event, to its stream. Readers then skip exactly that stored content; \`audit verify\`
  reports the record as a notice beside the event's \`undecodable\` finding (docs/audit.md).

  --events FILE     an NDJSON event log: the record is appended to it as one more line
  --store CONN      a KurrentDB (kurrentdb://…, esdb://…) or PostgreSQL (postgres://…) store to repair instead
  --data DIR        a PGlite directory to repair instead
  --stream NAME     the stream holding the unreadable event, e.g. school-sch1
  --revision N      the event's revision in that stream
  --event-id ID     the event's id, as stored
  --hash SHA256     the SHA-256 of its stored content (\`details.contentHash\` of its \`undecodable\` finding
                    in \`licheng audit verify --json\`)
  --reason TEXT     why it is set aside, kept in the record (at most 200 characters)
  --actor ID        the operator who repairs, recorded with role system (default: operator)
  --now INSTANT     the Taipei minute of the repair (default: now); never before the stream's latest (R-TIME-4)
  --command-id ID   the repair's command id (default: derived from what it sets aside, so a rerun adds nothing)
  --out FILE        with --events: write the whole repaired log to FILE and leave --events as it was
  --lang zh-TW|en   the language of messages and errors (default en)

  Exit: 0 done, 1 refused (the event reads, is unknown, or its content hash differs; a coded error),
  2 bad usage or a malformed log, 3 unreadable or unwritable file or store.`,
};

/** The help of the command the words name (`audit verify`, `report`, `report NAME`, …), if any. */
export const helpFor = (words: ReadonlyArray<string>): string | undefined =>
  COMMAND_HELP[words.slice(0, 2).join(' ')] ?? COMMAND_HELP[words[0] ?? ''];
