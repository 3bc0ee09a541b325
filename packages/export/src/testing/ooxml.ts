import { inflateRawSync } from 'node:zlib';

/**
 * An .xlsx read without exceljs: its zip's central directory, each part inflated, the XML left as text.
 * Tests check what exceljs wrote through this second reader, so a fault shared by exceljs's writer and
 * its reader cannot hide (no Excel runs here). Only what an .xlsx uses: stored or deflated entries.
 */
export const zipEntries = (zip: Buffer): ReadonlyMap<string, string> => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    parts.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return parts;
};

const unescape = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every `<tag …>` (or self-closing) element's attributes, in document order. */
export const elements = (xml: string, tag: string): ReadonlyArray<Readonly<Record<string, string>>> =>
  [...xml.matchAll(new RegExp(`<${tag}(\\s[^>]*?)?/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)])),
  );

/** A worksheet's cells by reference (`A1`), text resolved through the shared strings, with their style index. */
export const sheetCells = (
  parts: ReadonlyMap<string, string>,
  sheet: number,
): ReadonlyMap<string, { readonly text: string; readonly style: number }> => {
  const shared = [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    unescape([...si[1]!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const xml = parts.get(`xl/worksheets/sheet${sheet}.xml`) ?? '';
  const cells = new Map<string, { text: string; style: number }>();
  for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const type = /t="(\w+)"/.exec(c[2]!)?.[1];
    const v = /<v>([^<]*)<\/v>/.exec(c[3] ?? '')?.[1] ?? '';
    const text =
      type === 's'
        ? (shared[Number(v)] ?? '')
        : type === 'inlineStr'
          ? unescape(/<t[^>]*>([^<]*)</.exec(c[3] ?? '')?.[1] ?? '')
          : unescape(v);
    cells.set(c[1]!, { text, style: Number(/s="(\d+)"/.exec(c[2]!)?.[1] ?? 0) });
  }
  return cells;
};

/** The solid fill colour (ARGB) a cell style index paints, if any. */
export const fillOfStyle = (parts: ReadonlyMap<string, string>, style: number): string | undefined => {
  const styles = parts.get('xl/styles.xml') ?? '';
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const fillId = Number(elements(xfs, 'xf')[style]?.['fillId'] ?? 0);
  const fills = [...(/<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '').matchAll(/<fill>([\s\S]*?)<\/fill>/g)];
  return elements(fills[fillId]?.[1] ?? '', 'fgColor')[0]?.['rgb'];
};
