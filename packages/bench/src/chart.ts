/** A small SVG of how cost grows: replay against stream length, append against streams, rebuild against events. */
export interface ChartData {
  readonly byLength: ReadonlyArray<{ length: number; microsPerLoad: number }>;
  readonly appends: ReadonlyArray<{ streams: number; meanMicros: number }>;
  readonly emmettAppends: ReadonlyArray<{ streams: number; meanMicros: number }>;
  readonly rebuild: ReadonlyArray<{ events: number; seconds: number }>;
  readonly machine: string;
  readonly quick: boolean;
}

type Series = {
  readonly name: string;
  readonly color: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
};

const W = 300;
const H = 200;
const PAD = { left: 52, right: 12, top: 28, bottom: 40 };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const tick = (n: number) =>
  n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : `${+n.toFixed(1)}`;

const panel = (
  x0: number,
  title: string,
  xLabel: string,
  yLabel: string,
  series: ReadonlyArray<Series>,
  logX = false,
): string => {
  const all = series.flatMap((s) => s.points);
  const fx = (x: number) => (logX ? Math.log10(x) : x);
  const xs = all.map(([x]) => fx(x));
  const minX = logX ? Math.min(...xs) : 0;
  const maxX = Math.max(...xs);
  const maxY = Math.max(...all.map(([, y]) => y)) * 1.1 || 1;
  const px = (x: number) => x0 + PAD.left + ((fx(x) - minX) / (maxX - minX || 1)) * (W - PAD.left - PAD.right);
  const py = (y: number) => PAD.top + (1 - y / maxY) * (H - PAD.top - PAD.bottom);
  const parts = [
    `<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
    `<line x1="${x0 + PAD.left}" y1="${py(0)}" x2="${x0 + W - PAD.right}" y2="${py(0)}" stroke="#999"/>`,
    `<line x1="${x0 + PAD.left}" y1="${PAD.top}" x2="${x0 + PAD.left}" y2="${py(0)}" stroke="#999"/>`,
    `<text x="${x0 + W / 2}" y="${H - 6}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text x="${x0 + 12}" y="${H / 2}" text-anchor="middle" transform="rotate(-90 ${x0 + 12} ` +
      `${H / 2})">${escape(yLabel)}</text>`,
    `<text x="${x0 + PAD.left - 4}" y="${PAD.top + 4}" text-anchor="end">${tick(maxY)}</text>`,
    `<text x="${x0 + PAD.left - 4}" y="${py(0)}" text-anchor="end">0</text>`,
  ];
  const ticks = [...new Set(all.map(([x]) => x))];
  for (const x of ticks) parts.push(`<text x="${px(x)}" y="${py(0) + 14}" text-anchor="middle">${tick(x)}</text>`);
  series.forEach((s, i) => {
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, y] of s.points)
      parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    if (series.length > 1)
      parts.push(
        `<text x="${x0 + PAD.left + 8}" y="${PAD.top + 12 + i * 13}" fill="${s.color}">${escape(s.name)}</text>`,
      );
  });
  return parts.join('\n');
};

export const renderChart = (data: ChartData): string => {
  const body = [
    panel(0, 'replay vs stream length', 'events in the stream', 'µs per load', [
      { name: 'licheng', color: '#1f6feb', points: data.byLength.map((r) => [r.length, r.microsPerLoad]) },
    ]),
    panel(
      W,
      'append vs streams in store',
      'streams (log scale)',
      'µs per append',
      [
        { name: 'licheng', color: '#1f6feb', points: data.appends.map((r) => [r.streams, r.meanMicros]) },
        { name: 'Emmett 0.42', color: '#d1242f', points: data.emmettAppends.map((r) => [r.streams, r.meanMicros]) },
      ],
      true,
    ),
    panel(2 * W, 'rebuild vs events', 'events folded', 'seconds', [
      { name: 'compact view', color: '#1f6feb', points: data.rebuild.map((r) => [r.events, r.seconds]) },
    ]),
  ].join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${3 * W}" height="${H + 18}" font-family="sans-serif" font-size="10">
<rect width="100%" height="100%" fill="white"/>
${body}
<text x="4" y="${H + 12}" fill="#555">${escape(
    `npm run bench${data.quick ? ' -- --quick' : ''} — ${data.machine}`,
  )}</text>
</svg>
`;
};
