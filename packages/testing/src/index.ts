export * from './builders';
export * from './spec';
export * from './seed';
