#!/usr/bin/env node
// Packs every publishable package of the workspace (those not marked private) into one folder, so that they can
// be installed together before they are published:
//   npm run pack -- [folder]                      (default: out/packages; builds first)
//   npm install <folder>/*.tgz                    (in your project: the tarballs satisfy each other's versions)
// `--no-build` skips the build (the test suite has built already). Prints the tarball paths, one per line.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const destination = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, 'out', 'packages'));

const npm = (argv) =>
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', argv, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });

/** The workspaces a user installs: every one not marked private (npm expands the workspace globs). */
const publishable = () =>
  JSON.parse(npm(['query', '.workspace']))
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name);

if (build) npm(['run', 'build', '--silent']);
mkdirSync(destination, { recursive: true });
const packed = JSON.parse(
  npm(['pack', '--json', '--pack-destination', destination, ...publishable().flatMap((name) => ['--workspace', name])]),
);
for (const { filename } of packed) process.stdout.write(`${join(destination, filename)}\n`);
