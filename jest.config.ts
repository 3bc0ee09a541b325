import type { Config } from 'jest';

// Tests run against the TypeScript sources; `npm test` type-checks everything first,
// so ts-jest only transpiles here (isolatedModules) to keep the suite fast.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/examples'],
  testMatch: ['**/src/**/*.test.ts'],
  moduleNameMapper: {
    '^@licheng/([a-z-]+)$': '<rootDir>/packages/$1/src',
    '^@licheng/([a-z-]+)/internal$': '<rootDir>/packages/$1/src/internal',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  testTimeout: 60_000,
};

export default config;
