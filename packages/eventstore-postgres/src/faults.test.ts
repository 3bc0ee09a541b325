import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { portfolioStreamName } from '@licheng/domain';
import { appendToStore, generateSchool, studentStreams } from '@licheng/testing';
import { connectPostgres, type PostgresConnection } from './connect';
import { ReceiptReadModel } from './readModel';
import { startEmbeddedServer, type EmbeddedServer } from './test-support/embeddedPostgres';
import { eventually, SCHOOL, seedSchool } from './test-support/fixtures';

// Other processes run the built packages: `npm test` builds first; a bare `jest` on an unbuilt tree skips.
const CHILD = join(__dirname, '..', 'test-support', 'faultChild.cjs');
const built = existsSync(join(__dirname, '..', 'dist', 'index.js'));

const child = (args: ReadonlyArray<string>): Promise<string[]> =>
  new Promise((resolve, reject) =>
    execFile(process.execPath, [CHILD, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as string[]),
    ),
  );

(built ? describe : describe.skip)('faults between processes on one real server', () => {
  let server: EmbeddedServer;
  let connection: PostgresConnection;

  beforeAll(async () => {
    server = await startEmbeddedServer();
    connection = await connectPostgres(server.connectionString);
  });
  afterAll(async () => {
    await connection?.dispose();
    await server?.dispose();
  });

  it('stores exactly six selections when two processes race forty of them against the cap (R-SEL-1)', async () => {
    const { store } = connection;
    await seedSchool(store, ['s1'], 40);
    const numbers = Array.from({ length: 40 }, (_, i) => i + 1);
    const [first, second] = await Promise.all([
      child(['select', server.connectionString, 's1', numbers.filter((n) => n % 2 === 1).join(',')]),
      child(['select', server.connectionString, 's1', numbers.filter((n) => n % 2 === 0).join(',')]),
    ]);
    const outcomes = [...first!, ...second!];
    expect(outcomes.filter((outcome) => outcome === 'selected')).toHaveLength(6);
    expect(outcomes.filter((outcome) => outcome !== 'selected')).toEqual(Array(34).fill('SELECTION_CAP_REACHED'));
    const stream = await store.readStream(portfolioStreamName(SCHOOL, 's1'));
    expect(stream.filter((event) => event.type === 'CourseOutcomeSelected')).toHaveLength(6);
    expect(stream.map((event) => event.revision)).toEqual(stream.map((_, i) => i));
  });

  it('leaves no partial batch when a process is killed with SIGKILL in the middle of one', async () => {
    const { store, db } = connection;
    const prefix = `killed-${Date.now()}-`;
    const size = 2_000;
    const writer = spawn(process.execPath, [CHILD, 'batches', server.connectionString, prefix, String(size)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      writer.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    // Killed while the server is running one of its appends: the batch is then half sent or half written.
    await eventually(
      async () => {
        const { rows } = await db.query<{ n: string }>(
          "select count(*) as n from pg_stat_activity where state = 'active' and query like 'select outcome, " +
            "version, last_position from licheng_append(%'",
        );
        return Number(rows[0]!.n) > 0;
      },
      'an insert in progress',
      30_000,
    );
    writer.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The server notices the closed connection and rolls the transaction back.
    await eventually(async () => {
      const { rows } = await db.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where query like 'select outcome, version, last_position from " +
          "licheng_append(%'",
      );
      return Number(rows[0]!.n) === 0;
    }, 'the killed connection to go');
    const { rows } = await db.query<{ stream_name: string; n: string }>(
      'select stream_name, count(*) as n from licheng_events where stream_name like $1 group by stream_name',
      [`${prefix}%`],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => Number(row.n) !== size)).toEqual([]);
    const events = await store.readAll({ streamPrefixes: [prefix] });
    expect(events).toHaveLength(rows.length * size);
  });

  it(
    'resumes the read model exactly once after the process folding it is killed with SIGKILL ' + 'mid-transaction',
    async () => {
      const { store, db } = connection;
      const school = generateSchool({ seed: 9, schoolId: 'tp_killed', students: 30, classSize: 15 });
      await appendToStore(store, [school, ...studentStreams(school)]);
      const folder = spawn(process.execPath, [CHILD, 'project', server.connectionString], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        folder.once('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve) => folder.stdout.once('data', () => resolve()));
      // Killed while it writes rows: a page's transaction is open, its checkpoint not yet moved.
      await eventually(
        async () => {
          const { rows } = await db.query<{ n: string }>(
            "select count(*) as n from pg_stat_activity where state in ('active', 'idle in transaction') and query " +
              "like '%licheng_rm_%'",
          );
          return Number(rows[0]!.n) > 0;
        },
        'the read model being written',
        30_000,
      );
      folder.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const model = new ReceiptReadModel(db, store);
      const rowsOf = async () =>
        (await db.query('select * from licheng_rm_receipts order by school_id, student_id, category, period')).rows;
      await model.catchUp();
      const resumed = await rowsOf();
      await model.rebuild();
      expect(resumed.length).toBeGreaterThan(30);
      expect(resumed).toEqual(await rowsOf());
    },
  );
});
