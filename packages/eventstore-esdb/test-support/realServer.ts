/** A real KurrentDB / EventStoreDB to test against, when one is given (docs/eventstoredb.md). */
export const realServerConnectionString = (): string | undefined =>
  process.env['KURRENTDB_CONNECTION_STRING'] || process.env['EVENTSTORE_CONNECTION_STRING'] || undefined;
