/**
 * The latency-versus-load plot of docs/performance.md, as SVG text. Written
 * directly rather than with a charting library: a few lines and polylines on
 * fixed axes, with no fonts or layout engine to install for one figure.
 */
export interface PlotSeries {
  name: string;
  colour: string;
  /** [offered events/s, latency ms] */
  points: ReadonlyArray<readonly [number, number]>;
}

const W = 640;
const H = 400;
const M = { left: 70, right: 170, top: 30, bottom: 50 };

export function latencyPlotSvg(title: string, series: readonly PlotSeries[]): string {
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const maxX = niceCeil(Math.max(1, ...all.map(([x]) => x)));
  // Log scale in y: p50 and p99.9 differ by orders of magnitude.
  const minY = Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(...all.map(([, y]) => y))))));
  const maxY = Math.pow(10, Math.ceil(Math.log10(Math.max(minY * 10, ...all.map(([, y]) => y)))));
  const px = (x: number): number => M.left + (x / maxX) * (W - M.left - M.right);
  const py = (y: number): number =>
    H - M.bottom - ((Math.log10(Math.max(y, minY)) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY))) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="18" font-size="14">${escapeXml(title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const x = (maxX * i) / 4;
    out.push(`<text x="${px(x).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${Math.round(x).toLocaleString("en-US")}</text>`);
  }
  for (let y = minY; y <= maxY; y *= 10) {
    out.push(`<line x1="${M.left}" y1="${py(y).toFixed(1)}" x2="${W - M.right}" y2="${py(y).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${y.toLocaleString("en-US")}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">offered load (events/s)</text>`);
  out.push(`<text x="16" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})">latency (ms, log)</text>`);
  series.forEach((s, i) => {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ")}"/>`);
    for (const [x, y] of pts) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.colour}"/>`);
    const ly = M.top + 10 + i * 18;
    out.push(`<line x1="${W - M.right + 10}" y1="${ly}" x2="${W - M.right + 30}" y2="${ly}" stroke="${s.colour}" stroke-width="2"/>`);
    out.push(`<text x="${W - M.right + 36}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

function niceCeil(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
