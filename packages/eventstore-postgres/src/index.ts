export { PostgresEventStore, EVENTS_CHANNEL, type PostgresEventStoreOptions } from './store';
export { migrate, MIGRATIONS, type Migration } from './migrations';
export {
  PgDatabase,
  PgliteDatabase,
  type PgDatabaseOptions,
  type PgliteClass,
  type PgliteInstance,
  type SqlDatabase,
  type SqlQuery,
} from './sql';
export { StoreFailure, isStoreFailure, type StoreFailureCode } from './errors';
export { DEFAULT_FOLLOW, type FollowOptions } from './subscription';
export { connectPostgres, openPglite, type PgliteOptions, type PostgresConnection } from './connect';
export { ReceiptReadModel, RECEIPTS_READ_MODEL, type ReceiptReadModelOptions } from './readModel';
export { classConfirmationFromSql } from './readModelReports';
export type { ReadModelCacheOptions } from './readModelCache';
export { PostgresDueItems, DUE_ITEMS } from './dueItems';
