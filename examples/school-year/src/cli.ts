import { parseArgs } from 'node:util';

export interface Options {
  readonly students: number;
  readonly seed: number;
  readonly out?: string;
  /**
   * A KurrentDB or PostgreSQL connection string (`kurrentdb://…`, `esdb://…`, `postgres://…`); the in-memory store when
   * absent.
   */
  readonly store?: string;
  /** A directory for a PGlite database (PostgreSQL in this process), kept across runs. */
  readonly data?: string;
  readonly help: boolean;
}

export const USAGE = `usage: npm start -- [--students N] [--seed S] [--out DIR] [--store CONNECTION | --data DIR]

  --students N   students in the school, 1 to 5000 (default 120: four classes of 30)
  --seed S       a whole number; the same seed gives the same school year (default 111)
  --out DIR      also write every report as CSV and .xlsx, and the event log as NDJSON, into DIR
  --store CONN   run on KurrentDB (docs/eventstoredb.md), e.g. kurrentdb://127.0.0.1:2113?tls=false,
                 or on PostgreSQL (docs/postgres.md), e.g. postgres://user:password@127.0.0.1:5432/licheng
  --data DIR     keep the school in a PGlite database in DIR; each further run adds the next school year
                 (112, 113, …), or completes a year an earlier run was cut off in
  --help         this text`;

const wholeNumber = (name: string, text: string, min: number, max: number): number => {
  if (!/^-?\d+$/.test(text)) throw new Error(`${name} takes a whole number, not "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new Error(`${name} must be from ${min} to ${max}, not ${n}`);
  return n;
};

const connectionString = (text: string): string => {
  if (!/^((esdb|kurrentdb|kurrent|kdb)(\+discover)?|postgres(ql)?):\/\//i.test(text)) {
    // Not quoted back: a connection string may hold a password.
    throw new Error(
      '--store takes a KurrentDB or PostgreSQL connection string (kurrentdb://host:port?tls=false, esdb://…, ' +
        'postgres://user@host/db)',
    );
  }
  return text;
};

/** Parses the flags; a bad flag or value throws an Error whose message names it. */
export const parseOptions = (argv: ReadonlyArray<string>): Options => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      students: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      store: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  if (values.store !== undefined && values.data !== undefined) throw new Error('--store and --data exclude each other');
  return {
    students: values.students === undefined ? 120 : wholeNumber('--students', values.students, 1, 5000),
    seed: values.seed === undefined ? 111 : wholeNumber('--seed', values.seed, -(2 ** 31), 2 ** 31 - 1),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.store === undefined ? {} : { store: connectionString(values.store) }),
    ...(values.data === undefined ? {} : { data: values.data }),
    help: values.help ?? false,
  };
};
