import type * as t from 'io-ts';
import { OUTCOME_COMMANDS } from './outcomes/commands';
import { PERFORMANCE_COMMANDS } from './performances/commands';
import { SELECTION_COMMANDS } from './selection/commands';

export * from './outcomes/commands';
export * from './performances/commands';
export * from './selection/commands';

/** The data codec of every portfolio command, keyed by command type. */
export const PORTFOLIO_COMMAND_DATA = { ...OUTCOME_COMMANDS, ...PERFORMANCE_COMMANDS, ...SELECTION_COMMANDS } as const;

type DataCodecs = typeof PORTFOLIO_COMMAND_DATA;
export type PortfolioCommandType = keyof DataCodecs;
export type PortfolioCommand = { [K in PortfolioCommandType]: { readonly type: K; readonly data: t.TypeOf<DataCodecs[K]> } }[PortfolioCommandType];
export type PortfolioCommandOf<K extends PortfolioCommandType> = Extract<PortfolioCommand, { type: K }>;
