export * from './commands';
export type { PortfolioContext } from './context';
export * from './decide';
export * from './decider';
export * from './errors';
export * from './events';
export * from './evolve';
export * from './performances/details';
export * from './state';
