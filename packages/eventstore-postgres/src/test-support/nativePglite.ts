import type { PgliteClass } from '../sql';
import { runInThisContext } from 'node:vm';

/**
 * PGlite loaded by Node's own module loader. Its CommonJS build loads its WebAssembly with dynamic `import()`,
 * which Jest's module sandbox refuses without `--experimental-vm-modules`; Jest also stands in for `process`
 * and the `module` built-in, so the real `createRequire` is taken from the real `process` of the outer context.
 */
export const nativePglite = (): PgliteClass => {
  const realProcess = runInThisContext('process') as { getBuiltinModule?: (id: string) => unknown };
  if (!realProcess.getBuiltinModule)
    throw new Error('the PGlite tests need Node 20.16 or later (process.getBuiltinModule)');
  const { createRequire } = realProcess.getBuiltinModule('node:module') as typeof import('node:module');
  return (createRequire(__filename)('@electric-sql/pglite') as typeof import('@electric-sql/pglite'))
    .PGlite as unknown as PgliteClass;
};

/** Fails to compile when PGlite's own instance no longer fits the interface the adapter declares for it. */
export const fitsPgliteInstance = (pglite: import('@electric-sql/pglite').PGlite): import('../sql').PgliteInstance =>
  pglite;
