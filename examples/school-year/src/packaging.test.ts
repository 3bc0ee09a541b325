import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The published packages, as a user installs them: built to dist/, with an exports map. */
const PACKAGES = [
  'domain',
  'eventstore',
  'eventstore-esdb',
  'eventstore-postgres',
  'workflows',
  'projections',
  'export',
  'audit',
  'testing',
];
const root = join(__dirname, '..', '..', '..');
const built = PACKAGES.every((name) => existsSync(join(root, 'packages', name, 'dist', 'index.js')));

const node = (args: ReadonlyArray<string>): string =>
  execFileSync(process.execPath, [...args], { cwd: root, encoding: 'utf8' }).trim();

// Node 23+ also names a CommonJS module's whole `module.exports` among its ES exports; it is no export of ours.
// `npm test` builds before it runs Jest; a bare `jest` on an unbuilt tree skips rather than fails.
(built ? describe : describe.skip)(`the published packages on Node ${process.versions.node}`, () => {
  it.each(PACKAGES)('@licheng/%s loads with require and with import, with the same exports', (name) => {
    const required = node(['-e', `console.log(Object.keys(require('@licheng/${name}')).sort().join(','))`]);
    const imported = node([
      '--input-type=module',
      '-e',
      `import * as m from '@licheng/${name}'; console.log(Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule' && k !== 'module.exports').sort().join(','))`,
    ]);
    expect(required.length).toBeGreaterThan(0);
    expect(imported).toBe(required);
  });
});
