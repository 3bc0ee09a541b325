import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

/** A real PostgreSQL server that a test file starts, restarts and stops (test-support/embeddedServer.mjs). */
export interface EmbeddedServer {
  readonly connectionString: string;
  readonly port: number;
  /** Stops the server; its data stays for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

const SCRIPT = join(__dirname, '..', '..', 'test-support', 'embeddedServer.mjs');

export const startEmbeddedServer = async (): Promise<EmbeddedServer> => {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const lines: Interface = createInterface({ input: child.stdout });
  const pending: Array<(message: Record<string, unknown>) => void> = [];
  lines.on('line', (line) => pending.shift()?.(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = () => new Promise<Record<string, unknown>>((resolve) => pending.push(resolve));
  const command = async (line: string, expected: string) => {
    const answer = next();
    child.stdin.write(`${line}\n`);
    const message = await answer;
    if (message[expected] !== true) throw new Error(`the embedded server did not ${line}: ${JSON.stringify(message)}`);
  };
  const ready: Record<string, unknown> = await Promise.race([
    next(),
    exited.then(() => ({ ready: false, error: 'the server process exited' })),
  ]);
  if (ready.ready !== true) throw new Error(`the embedded server did not start: ${JSON.stringify(ready)}`);
  return {
    connectionString: ready.connectionString as string,
    port: ready.port as number,
    stop: () => command('stop', 'stopped'),
    start: () => command('start', 'started'),
    dispose: async () => {
      child.stdin.end('quit\n');
      await exited;
    },
  };
};
