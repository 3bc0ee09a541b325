import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';
import { startStandIn, type StandIn } from '../../eventstore-esdb/test-support/standIn/server';
import { documentsOf, extractProgram, type DocProgram } from './docBlocks';

const root = join(__dirname, '..', '..', '..');
// Inside the repository, so that `@licheng/…` and `fp-ts` resolve as they do for an installed package.
const work = join(root, 'node_modules', '.cache', 'licheng-doc-blocks');
const built = ['domain', 'eventstore', 'eventstore-esdb', 'workflows', 'projections', 'export'].every((name) =>
  existsSync(join(root, 'packages', name, 'dist', 'index.js')),
);
const programs = documentsOf(root)
  .map((path) => extractProgram(root, path))
  .filter((program): program is DocProgram => program !== null);

const fileName = (program: DocProgram, extension: 'mts' | 'cts') =>
  join(work, `${program.doc.replace(/[/.]/g, '_')}.${extension}`);
const variants = (program: DocProgram): Array<'mts' | 'cts'> => (program.topLevelAwait ? ['mts'] : ['mts', 'cts']);

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

const run = async (file: string, env: NodeJS.ProcessEnv): Promise<string> => {
  const { stdout } = await promisify(execFile)(process.execPath, [file], {
    cwd: work,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return stdout;
};

// `npm test` builds before Jest runs; a bare `jest` on an unbuilt tree skips rather than fails.
(built ? describe : describe.skip)('the TypeScript blocks of README.md and docs/*.md', () => {
  let standIn: StandIn;

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    for (const program of programs)
      for (const extension of variants(program)) writeFileSync(fileName(program, extension), program.source);
    standIn = await startStandIn();
  });
  afterAll(async () => {
    await standIn?.stop();
  });

  it('finds the blocks of the README and of embedding.md', () => {
    expect(programs.map((program) => program.doc)).toEqual(expect.arrayContaining(['README.md', 'docs/embedding.md']));
  });

  it('compile under strict TypeScript, as ES modules and (without top-level await) as CommonJS', () => {
    const files = programs.flatMap((program) => variants(program).map((extension) => fileName(program, extension)));
    const program = ts.createProgram(files, OPTIONS);
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) =>
      ts.formatDiagnostic(diagnostic, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => work,
        getNewLine: () => '\n',
      }),
    );
    expect(problems).toEqual([]);
  });

  it.each(programs.filter((program) => program.run).map((program) => [program.doc, program] as const))(
    '%s runs to the end',
    async (_doc, program) => {
      for (const extension of variants(program)) {
        const module = extension === 'mts' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS;
        const { outputText } = ts.transpileModule(program.source, {
          compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        const file = fileName(program, extension).replace(/ts$/, 'js');
        writeFileSync(file, outputText);
        // A block that connects to KurrentDB reads the connection string from the environment: here, the stand-in.
        const stdout = await run(file, {
          KURRENTDB_CONNECTION_STRING: standIn.connectionString.replace('esdb://', 'kurrentdb://'),
        });
        if (program.doc === 'README.md') {
          // The README's first example shows an accepted command and a refused one, with its rule.
          expect(stdout).toMatch(/^accepted: portfolio-tp_jianzhong-1090001 #0 CourseOutcomeUploaded$/m);
          expect(stdout).toMatch(/^refused: \[FILE_REQUIRED R-OUT-2\] /m);
        }
      }
    },
  );
});
