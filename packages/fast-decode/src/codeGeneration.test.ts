import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The built package, as an adopter loads it, in a Node that refuses code built from strings (what a Content
// Security Policy does in a browser or an edge runtime). `npm test` builds before it runs jest.
const dist = join(__dirname, '..', 'dist', 'index.js');
const script = `
const t = require('io-ts');
const { fastDecode, compiledOf } = require(${JSON.stringify(dist)});
const Shape = t.exact(t.type({ a: t.string, n: t.number }));
const decode = fastDecode(Shape);
console.log(JSON.stringify({
  valid: decode({ a: 'x', n: 1, extra: true }),
  refused: decode({ a: 'x' })._tag,
  generated: compiledOf(Shape).toString().includes('a["a"]'),
}));
`;

describe('fast decoding where the runtime refuses to compile source', () => {
  it('decodes with the closures instead, with the same answers, and throws nothing', () => {
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toStrictEqual({
      valid: { _tag: 'Right', right: { a: 'x', n: 1 } },
      refused: 'Left',
      generated: false,
    });
  });
});
