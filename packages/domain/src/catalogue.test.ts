import { EVENT_DOCS, EVENT_RULES } from './catalogue';
import { PortfolioEvent } from './portfolio/events';
import { RULE_IDS } from './shared/rules';
import { SchoolEvent } from './school/events';
import { SubmissionEvent } from './submission/events';

describe('the event catalogue entries (events.docs.ts beside each events.ts)', () => {
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
});
