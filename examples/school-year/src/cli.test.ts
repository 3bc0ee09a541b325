import { parseOptions } from './cli';

describe('the example command line', () => {
  it('defaults to 120 students and seed 111 on the in-memory store', () => {
    expect(parseOptions([])).toEqual({ students: 120, seed: 111, help: false });
  });

  it('reads --students, --seed, --out and --store', () => {
    expect(
      parseOptions(['--students', '30', '--seed=-4', '--out', 'out', '--store', 'esdb://127.0.0.1:2113?tls=false']),
    ).toEqual({
      students: 30,
      seed: -4,
      out: 'out',
      store: 'esdb://127.0.0.1:2113?tls=false',
      help: false,
    });
  });

  it('reads a PostgreSQL --store and a PGlite --data directory, not both', () => {
    expect(parseOptions(['--store', 'postgres://u:p@127.0.0.1:5432/licheng'])).toMatchObject({
      store: 'postgres://u:p@127.0.0.1:5432/licheng',
    });
    expect(parseOptions(['--data', 'year-db'])).toMatchObject({ data: 'year-db' });
    expect(() => parseOptions(['--data', 'd', '--store', 'postgres://h/db'])).toThrow(
      '--store and --data exclude each other',
    );
  });

  it.each([
    [['--students', '0'], '--students must be from 1 to 5000, not 0'],
    [['--students', 'many'], '--students takes a whole number, not "many"'],
    [['--seed', '1.5'], '--seed takes a whole number, not "1.5"'],
    [['--store', 'http://x'], '--store takes a KurrentDB or PostgreSQL connection string'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], 'unexpected argument "extra"'],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});
