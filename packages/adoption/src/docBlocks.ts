import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/** One document's TypeScript, its ```ts blocks joined in order: a document's blocks read as one program. */
export interface DocProgram {
  /** The document's path from the repository root, e.g. `docs/embedding.md`. */
  readonly doc: string;
  readonly source: string;
  /** Whether a block awaits at the top level: such a program runs as an ES module only. */
  readonly topLevelAwait: boolean;
  readonly blocks: number;
  /**
   * False when a block's fence says ```ts no-run: it needs what the test cannot give (a PostgreSQL server at a
   * made-up address). Such a document is compiled but not run.
   */
  readonly run: boolean;
}

const FENCE = /^```ts([^\n]*)\n([\s\S]*?)^```\s*$/gm;

/** README.md and every docs/*.md: a document added later is checked without anyone listing it. */
export const documentsOf = (root: string): string[] => [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(root, 'docs', name)),
];

export const extractProgram = (root: string, path: string): DocProgram | null => {
  const text = readFileSync(path, 'utf8');
  const matches = [...text.matchAll(FENCE)];
  const blocks = matches.map((match) => {
    const line = text.slice(0, match.index).split('\n').length + 1;
    // The line marker lets a compile error or a stack trace be found in the document.
    return `// ${relative(root, path)}:${line}\n${match[2]}`;
  });
  if (blocks.length === 0) return null;
  const source = blocks.join('\n');
  return {
    doc: relative(root, path),
    source: `${source}\nexport {};\n`,
    topLevelAwait: awaitsAtTopLevel(source),
    blocks: blocks.length,
    run: !matches.some((match) => /\bno-run\b/.test(match[1] ?? '')),
  };
};

/** Whether an `await` (or `for await`) stands outside every function: then only an ES module can run it. */
const awaitsAtTopLevel = (source: string): boolean => {
  const file = ts.createSourceFile('doc.ts', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
};
