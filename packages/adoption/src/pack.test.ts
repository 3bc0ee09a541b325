import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';
import { extractProgram } from './docBlocks';

/**
 * What a team adopting licheng does before it is published: pack every publishable package, install the
 * tarballs together into a fresh project outside the workspace, and use them there.
 */
const root = join(__dirname, '..', '..', '..');
const built = existsSync(join(root, 'packages', 'audit', 'dist', 'cli.js'));
const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** A consumer that uses every package packed, once: a strict type-check then reads every declaration file. */
const everyPackage = (names: ReadonlyArray<string>): string =>
  names.map((name, i) => `import * as p${i} from '${name}';`).join('\n') +
  `\nexport const exported: number = [${names.map((_, i) => `p${i}`).join(', ')}].map((m) => Object.keys(m).length).reduce((a, b) => a + b, 0);\n`;

/** `…/licheng-eventstore-esdb-0.1.0.tgz` → `@licheng/eventstore-esdb`. */
const packageOf = (tarball: string): string =>
  `@licheng/${/^licheng-(.+)-\d+\.\d+\.\d+\.tgz$/.exec(basename(tarball))![1]!}`;

(built ? describe : describe.skip)('the packed packages, installed in a fresh project outside the workspace', () => {
  let tarballs: string;
  let project: string;
  let packed: string[] = [];
  const readme = extractProgram(root, join(root, 'README.md'))!;
  const inProject = (command: string, args: ReadonlyArray<string>) =>
    exec(command, [...args], { cwd: project, encoding: 'utf8', timeout: 240_000 });

  beforeAll(async () => {
    tarballs = mkdtempSync(join(tmpdir(), 'licheng-tarballs-'));
    project = mkdtempSync(join(tmpdir(), 'licheng-consumer-'));
    const { stdout } = await exec(process.execPath, [join(root, 'scripts', 'pack.mjs'), '--no-build', tarballs], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = stdout.trim().split('\n');
    packed = files.map(packageOf);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    // From the npm cache when it holds them (it does after `npm ci`): the test needs no network then.
    await inProject(npm, [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...files,
      `typescript@${versionOf('typescript')}`,
      `@types/node@${versionOf('@types/node')}`,
    ]);
  }, 300_000);
  afterAll(() => {
    for (const dir of [tarballs, project]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs every publishable package, without build state', async () => {
    const names = (
      await exec('tar', ['tzf', join(tarballs, 'licheng-audit-0.1.0.tgz')], { encoding: 'utf8' })
    ).stdout.split('\n');
    expect(names).toEqual(expect.arrayContaining(['package/LICENSE', 'package/bin/licheng.js', 'package/dist/cli.js']));
    expect(names.filter((name) => name.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('installs no gRPC: the KurrentDB clients are optional peers of @licheng/eventstore-esdb', () => {
    expect(existsSync(join(project, 'node_modules', '@licheng', 'eventstore-esdb'))).toBe(true);
    expect(
      ['@grpc', '@kurrent', '@eventstore'].filter((scope) => existsSync(join(project, 'node_modules', scope))),
    ).toEqual([]);
  });

  it.each([
    ['an ES module', 'mjs', ts.ModuleKind.ESNext],
    ['CommonJS', 'cjs', ts.ModuleKind.CommonJS],
  ] as const)('runs the README example as %s', async (_kind, extension, module) => {
    const { outputText } = ts.transpileModule(readme.source, {
      compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(project, `readme.${extension}`), outputText);
    const { stdout } = await inProject(process.execPath, [`readme.${extension}`]);
    expect(stdout).toMatch(/^accepted: portfolio-tp_jianzhong-1090001 #0 CourseOutcomeUploaded$/m);
    expect(stdout).toMatch(/^refused: \[FILE_REQUIRED R-OUT-2\] /m);
  });

  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }, ['readme.ts', 'readme.mts', 'every.ts', 'every.mts']],
    ['bundler', { module: 'preserve', moduleResolution: 'bundler' }, ['readme.ts', 'every.ts']],
  ] as const)(
    'type-checks a consumer strictly under moduleResolution %s, declaration files included',
    async (name, modules, files) => {
      for (const file of ['readme.ts', 'readme.mts']) writeFileSync(join(project, file), readme.source);
      expect(packed).toEqual(
        expect.arrayContaining([
          '@licheng/domain',
          '@licheng/fast-decode',
          '@licheng/eventstore',
          '@licheng/audit',
          '@licheng/eventstore-postgres',
        ]),
      );
      for (const file of ['every.ts', 'every.mts']) writeFileSync(join(project, file), everyPackage(packed));
      const compilerOptions = {
        ...modules,
        strict: true,
        target: 'es2022',
        types: ['node'],
        skipLibCheck: false,
        noEmit: true,
      };
      writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files }));
      const checked = await inProject(process.execPath, [
        join('node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        `tsconfig.${name}.json`,
      ]).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(checked).toBe('');
    },
  );

  it('runs `npx licheng --version`', async () => {
    const { stdout } = await inProject(npm, ['exec', '--offline', '--', 'licheng', '--version']);
    expect(stdout.trim()).toBe('0.1.0');
  });
});
