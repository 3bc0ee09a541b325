import * as publicEntry from './index';

/** Every runtime name of the public entry: a name added or dropped is a change of the published surface. */
const PUBLIC_NAMES = [
  'DEFAULT_FOLLOW',
  'DUE_ITEMS',
  'EVENTS_CHANNEL',
  'MIGRATIONS',
  'PgDatabase',
  'PgliteDatabase',
  'PostgresDueItems',
  'PostgresEventStore',
  'RECEIPTS_READ_MODEL',
  'ReceiptReadModel',
  'StoreFailure',
  'classConfirmationFromSql',
  'connectPostgres',
  'isStoreFailure',
  'migrate',
  'openPglite',
];

// #21 item 7: an explicit export list, pinned here, so the surface changes only on purpose.
describe('the public surface of @licheng/eventstore-postgres', () => {
  it('exports the PostgreSQL store, its migrations, the receipt read model and the due items, and nothing else', () => {
    expect(Object.keys(publicEntry).sort()).toEqual(PUBLIC_NAMES);
  });
});
