/** Excel's limits on a worksheet name; a workbook breaking them opens with a repair prompt, or not at all. */
const MAX_LENGTH = 31;
// Control characters are among what Excel refuses in a sheet name.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/?*[\]:\u0000-\u001F]/g;

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair (Excel counts units). */
const cut = (text: string, max: number): string => {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
};

/** Forbidden characters become `_`; an apostrophe may not start or end a name; `History` is reserved. */
const sanitise = (title: string): string => {
  const name = cut(title.replace(FORBIDDEN, '_').trim(), MAX_LENGTH)
    .replace(/^'+|'+$/g, '')
    .trim();
  return name === '' || name.toLowerCase() === 'history' ? 'Sheet' : name;
};

/**
 * One valid, distinct sheet name per title, in order. Excel compares names case-insensitively;
 * a repeat gets ` (2)`, ` (3)`… with the base cut so the whole still fits 31 units.
 */
export const sheetNames = (titles: ReadonlyArray<string>): ReadonlyArray<string> => {
  const taken = new Set<string>();
  return titles.map((title) => {
    const base = sanitise(title);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = cut(base, MAX_LENGTH - suffix.length).replace(/'+$/, '') + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
};
