import type * as t from 'io-ts';
import { OUTCOME_COMMANDS } from './outcomes/commands';
import { PERFORMANCE_COMMANDS } from './performances/commands';
import { SELECTION_COMMANDS } from './selection/commands';
import { RECEIPT_COMMANDS } from './receipts/commands';
import { PLAN_COMMANDS } from './plans/commands';
import { APPLICATION_COMMANDS } from './applications/commands';

export * from './outcomes/commands';
export * from './performances/commands';
export * from './selection/commands';
export * from './receipts/commands';
export * from './plans/commands';
export * from './applications/commands';

/** The data codec of every portfolio command, keyed by command type. */
export const PORTFOLIO_COMMAND_DATA = {
  ...OUTCOME_COMMANDS,
  ...PERFORMANCE_COMMANDS,
  ...SELECTION_COMMANDS,
  ...RECEIPT_COMMANDS,
  ...PLAN_COMMANDS,
  ...APPLICATION_COMMANDS,
} as const;

type DataCodecs = typeof PORTFOLIO_COMMAND_DATA;
export type PortfolioCommandType = keyof DataCodecs;
export type PortfolioCommand = {
  [K in PortfolioCommandType]: { readonly type: K; readonly data: t.TypeOf<DataCodecs[K]> };
}[PortfolioCommandType];
export type PortfolioCommandOf<K extends PortfolioCommandType> = Extract<PortfolioCommand, { type: K }>;
