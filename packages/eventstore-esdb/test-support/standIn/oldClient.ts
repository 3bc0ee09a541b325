import { setStandInClientPackage } from './protocol';

// Imported first by a test file that runs the old client `@eventstore/db-client` (see protocol.ts).
setStandInClientPackage('@eventstore/db-client');
