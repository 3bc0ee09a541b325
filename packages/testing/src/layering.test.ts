import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface Workspace {
  readonly name: string;
  readonly dir: string;
  /** The @licheng packages its package.json depends on (dependencies and devDependencies). */
  readonly dependsOn: ReadonlyArray<string>;
}

const workspaces = (): ReadonlyArray<Workspace> =>
  ['packages', 'examples'].flatMap((parent) =>
    readdirSync(join(root, parent))
      .map((entry) => join(root, parent, entry))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
          name: string;
          dependencies?: Record<string, string>;
          devDependencies?: Record<string, string>;
        };
        const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
        return { name: manifest.name, dir, dependsOn: names.filter((name) => name.startsWith('@licheng/')) };
      }),
  );

/** Every package that depends on `name`, directly or through others. */
const dependentsOf = (name: string, all: ReadonlyArray<Workspace>): ReadonlySet<string> => {
  const found = new Set<string>();
  const visit = (target: string): void => {
    for (const workspace of all) {
      if (workspace.dependsOn.includes(target) && !found.has(workspace.name)) {
        found.add(workspace.name);
        visit(workspace.name);
      }
    }
  };
  visit(name);
  return found;
};

const testFilesIn = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFilesIn(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });

const importedPackages = (file: string): ReadonlyArray<string> =>
  [...readFileSync(file, 'utf8').matchAll(/from '(@licheng\/[a-z-]+)(?:\/[a-z]+)?'/g)].map((match) => match[1]!);

// #21 item 8: a lower package's tests get their helpers at their own level (@licheng/domain/testing,
// @licheng/eventstore/testing), never from a package built on top of them.
describe('the test-time layering of the packages', () => {
  it('has no test importing a package that depends on the package under test', () => {
    const all = workspaces();
    const cycles: string[] = [];
    for (const workspace of all) {
      const above = dependentsOf(workspace.name, all);
      const src = join(workspace.dir, 'src');
      if (!existsSync(src)) continue;
      for (const file of testFilesIn(src)) {
        for (const imported of importedPackages(file)) {
          if (above.has(imported)) cycles.push(`${file.slice(root.length + 1)} imports ${imported}`);
        }
      }
    }
    expect(cycles).toEqual([]);
  });

  it('knows the layers it checks: @licheng/testing is built on the domain and the event store', () => {
    const all = workspaces();
    expect(dependentsOf('@licheng/domain', all)).toContain('@licheng/testing');
    expect(dependentsOf('@licheng/eventstore', all)).toContain('@licheng/testing');
  });
});
