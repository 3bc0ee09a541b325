import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// js-yaml 3 ships no types; this is all the test uses of it.
const { safeLoad } = require('js-yaml') as { safeLoad: (text: string) => unknown };

/**
 * docs/kurrentdb/compose.yaml cannot be run here (no Docker on the machines this was written on); this checks
 * what can be checked without running it: it is YAML, and it starts the image and port the docs promise.
 */
describe('the KurrentDB compose file in the docs', () => {
  const file = join(__dirname, '..', '..', '..', 'docs', 'kurrentdb', 'compose.yaml');

  it('parses as YAML and runs KurrentDB 25 as an insecure node on port 2113', () => {
    const compose = safeLoad(readFileSync(file, 'utf8')) as {
      services?: Record<string, { image?: string; ports?: string[]; environment?: Record<string, string> }>;
    };
    const kurrentdb = compose.services?.['kurrentdb'];
    expect(kurrentdb?.image).toMatch(/^kurrentplatform\/kurrentdb:25\.\d+\.\d+$/);
    expect(kurrentdb?.ports).toEqual(['2113:2113']);
    expect(kurrentdb?.environment?.['KURRENTDB_INSECURE']).toBe('true');
  });

  it('is the file the docs tell users to run, with the connection string they give', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'eventstoredb.md'), 'utf8');
    expect(docs).toContain('docker compose -f docs/kurrentdb/compose.yaml up -d');
    expect(docs).toContain('kurrentdb://localhost:2113?tls=false');
  });
});
