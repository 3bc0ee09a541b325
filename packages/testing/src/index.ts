export * from './builders';
export * from './spec';
export * from './seed';
export * from './storeContract';
export * from './generator';
export * from './rounds';
