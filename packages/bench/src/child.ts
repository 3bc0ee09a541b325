import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs one of the bench's scripts (`cityWorker.js`, `workloadWorker.js`) in a child process with its
 * request as JSON. Generation runs in child processes rather than worker threads: memory a thread used stays
 * in this process's RSS after the thread ends, and the rebuild that follows must be measured on its own.
 */
export const runChild = (script: string, request: unknown, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, script), [JSON.stringify(request)], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}`))));
  });

/** The child's side: runs `job` on the request it was given, and exits 0 when it is done, 1 when it fails. */
export const serveChild = <Request>(job: (request: Request) => Promise<void>): void => {
  job(JSON.parse(process.argv[2]!) as Request).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
