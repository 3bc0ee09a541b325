import type { Config } from 'jest';

/**
 * Tests that start a server (embedded PostgreSQL, PGlite, the EventStoreDB stand-in), a child process (the
 * CLI, npm pack, the example) or a browser. `npx jest --selectProjects integration` runs them alone.
 */
export const INTEGRATION_TESTS: ReadonlyArray<string> = [
  'examples/school-year/src/cli.test.ts',
  'examples/school-year/src/packaging.test.ts',
  'examples/school-year/src/resume.test.ts',
  'examples/school-year/src/stores.test.ts',
  'packages/adoption/src/docBlocks.test.ts',
  'packages/adoption/src/pack.test.ts',
  'packages/audit/src/cli/postgresStore.test.ts',
  'packages/audit/src/cli/store.test.ts',
  'packages/eventstore-esdb/src/faults.test.ts',
  'packages/eventstore-esdb/src/serverBehaviour.test.ts',
  'packages/eventstore-esdb/src/store.contract.oldClient.test.ts',
  'packages/eventstore-esdb/src/store.contract.test.ts',
  'packages/eventstore-esdb/src/store.server.test.ts',
  'packages/eventstore-esdb/src/store.test.ts',
  'packages/eventstore-postgres/src/dueItems.test.ts',
  'packages/eventstore-postgres/src/faults.test.ts',
  'packages/eventstore-postgres/src/pglite.test.ts',
  'packages/eventstore-postgres/src/readAll.server.test.ts',
  'packages/eventstore-postgres/src/readModelAhead.test.ts',
  'packages/eventstore-postgres/src/readModelCache.test.ts',
  'packages/eventstore-postgres/src/readModelLog.test.ts',
  'packages/eventstore-postgres/src/store.contract.test.ts',
  'packages/eventstore-postgres/src/store.server.test.ts',
  'packages/export/src/html/browser.test.ts',
  'packages/fast-decode/src/codeGeneration.test.ts',
];

/** The long suites: property tests over many runs, the fuzzing and reliability suites. */
export const SLOW_TESTS: ReadonlyArray<string> = [
  '**/src/**/*.property.test.ts',
  'packages/reliability/src/**/*.test.ts',
];

const escape = (path: string): string => path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/|\*/g, '.*');

// Tests run against the TypeScript sources; `npm test` type-checks everything first,
// so ts-jest only transpiles here (isolatedModules) to keep the suite fast.
const shared = {
  testEnvironment: 'node',
  testTimeout: 60_000,
  roots: ['<rootDir>/packages', '<rootDir>/examples'],
  moduleNameMapper: {
    '^@licheng/([a-z-]+)$': '<rootDir>/packages/$1/src',
    '^@licheng/([a-z-]+)/internal$': '<rootDir>/packages/$1/src/internal',
    '^@licheng/([a-z-]+)/testing$': '<rootDir>/packages/$1/src/testing',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] as [string, Record<string, unknown>],
  },
} satisfies Config;

// Three tiers a developer can run apart (`npx jest --selectProjects unit`); `npx jest` runs all three.
const config: Config = {
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/src/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...[...INTEGRATION_TESTS, ...SLOW_TESTS].map(escape)],
    },
    { ...shared, displayName: 'integration', testMatch: INTEGRATION_TESTS.map((path) => `<rootDir>/${path}`) },
    {
      ...shared,
      displayName: 'slow',
      testMatch: SLOW_TESTS.map((glob) => (glob.startsWith('**') ? glob : `<rootDir>/${glob}`)),
    },
  ],
};

export default config;
