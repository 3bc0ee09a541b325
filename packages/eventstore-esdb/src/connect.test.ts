import { connectEventStoreDb, connectionStringFor, redactConnectionString } from './connect';

describe('connection strings', () => {
  it('gives the Kurrent client kurrentdb:// for every accepted scheme, discovery kept', () => {
    expect(connectionStringFor('esdb://localhost:2113?tls=false', '@kurrent/kurrentdb-client')).toBe(
      'kurrentdb://localhost:2113?tls=false',
    );
    expect(connectionStringFor('kurrentdb+discover://a:2113,b:2113', '@kurrent/kurrentdb-client')).toBe(
      'kurrentdb+discover://a:2113,b:2113',
    );
    expect(connectionStringFor('esdb+discover://admin:changeit@a:2113', '@kurrent/kurrentdb-client')).toBe(
      'kurrentdb+discover://admin:changeit@a:2113',
    );
  });

  it('gives the old client esdb://, which is all it reads', () => {
    expect(connectionStringFor('kurrentdb://localhost:2113?tls=false', '@eventstore/db-client')).toBe(
      'esdb://localhost:2113?tls=false',
    );
    expect(connectionStringFor('kurrentdb+discover://a:2113', '@eventstore/db-client')).toBe('esdb+discover://a:2113');
  });

  it('refuses another scheme without quoting the string, which may hold a password', () => {
    expect(() => connectEventStoreDb('postgres://admin:s3cret@localhost/db')).toThrow(
      /kurrentdb:\/\/, kurrentdb\+discover:\/\/, esdb:\/\//,
    );
    expect(() => connectEventStoreDb('postgres://admin:s3cret@localhost/db')).not.toThrow(/s3cret/);
  });

  it('prints a connection string without its credentials', () => {
    expect(redactConnectionString('kurrentdb://admin:changeit@db.school.tw:2113?tls=true')).toBe(
      'kurrentdb://***@db.school.tw:2113?tls=true',
    );
    expect(redactConnectionString('esdb+discover://ops:p%40ss@a:2113,b:2113')).toBe(
      'esdb+discover://***@a:2113,b:2113',
    );
    expect(redactConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('kurrentdb://localhost:2113?tls=false');
  });
});
