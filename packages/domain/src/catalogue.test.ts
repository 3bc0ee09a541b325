import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_DOCS, EVENT_RULES, renderEventCatalogue } from './catalogue';
import { PortfolioEvent } from './portfolio/events';
import { RULE_IDS } from './shared/rules';
import { SchoolEvent } from './school/events';
import { SubmissionEvent } from './submission/events';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'events.md');
const REGENERATE = 'UPDATE_DOCS=1 npx jest catalogue';

const firstDifference = (a: string, b: string): string => {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `line ${i + 1}:\n  docs/events.md: ${left[i] ?? '(missing)'}\n  rendered:       ${right[i] ?? '(missing)'}`;
  }
  return '';
};

describe('the event catalogue (docs/events.md)', () => {
  it('is the catalogue rendered from the codecs', () => {
    const rendered = renderEventCatalogue();
    if (process.env['UPDATE_DOCS'] === '1') {
      writeFileSync(DOC, rendered, 'utf8');
      return;
    }
    const onDisk = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    if (onDisk !== rendered) {
      throw new Error(
        `docs/events.md is out of date with the event codecs; run \`${REGENERATE}\` and commit it.\nFirst difference at ${firstDifference(onDisk, rendered)}`,
      );
    }
  });

  it('documents exactly the event types of the three streams', () => {
    const types = [...SchoolEvent.types, ...PortfolioEvent.types, ...SubmissionEvent.types]
      .map((codec) => codec.name)
      .sort();
    expect(Object.keys(EVENT_DOCS).sort()).toEqual(types);
    expect(Object.keys(EVENT_RULES).sort()).toEqual(types);
  });

  it('gives every event a meaning, a rule and the commands that record it', () => {
    for (const [type, doc] of Object.entries(EVENT_DOCS)) {
      expect({
        type,
        meaning: doc.meaning.trim().length > 0,
        rules: doc.rules.length > 0,
        commands: doc.commands.length > 0,
      }).toEqual({
        type,
        meaning: true,
        rules: true,
        commands: true,
      });
      expect(doc.rules.every((rule) => (RULE_IDS as ReadonlyArray<string>).includes(rule))).toBe(true);
    }
  });

  it('renders a field table for every event and defines every named type it uses', () => {
    const rendered = renderEventCatalogue();
    for (const type of Object.keys(EVENT_DOCS)) expect(rendered).toContain(`### ${type}\n`);
    for (const name of [
      'Id',
      'Term',
      'TaipeiInstant',
      'FileMeta',
      'PerformanceDetails',
      'ReceiptCategory',
      'WorkItem',
      'Actor',
      'SchoolRole',
      'PlatformRole',
    ]) {
      expect(rendered).toContain(`### ${name}\n`);
    }
  });
});
