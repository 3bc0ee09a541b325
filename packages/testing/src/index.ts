export * from './builders';
export * from './spec';
