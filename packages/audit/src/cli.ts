#!/usr/bin/env node
import { run } from './cli/main';

/** The status line is for people at a terminal; piped output and logs get none. */
const progress = (line: string | null): void => {
  if (!process.stderr.isTTY) return;
  process.stderr.write(line === null ? '\r\x1b[K' : `\r\x1b[K${line.slice(0, (process.stderr.columns ?? 80) - 1)}`);
};

run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress,
  now: () => new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`licheng: INTERNAL_ERROR ${String(error)}\n`);
    process.exitCode = 1;
  },
);
