#!/usr/bin/env node
// Draws a Grafana dashboard's panel grid as an SVG, for the README and docs/operations.md:
//   node scripts/draw-dashboard-layout.js [dashboard.json] [out.svg]
// Defaults: deploy/grafana/dashboards/redline-overview.json → docs/img/redline-overview-layout.svg.
// Only the layout (gridPos: 24 columns, rows of 30 px) and titles; no data.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const input = process.argv[2] ?? path.join(root, "deploy/grafana/dashboards/redline-overview.json");
const output = process.argv[3] ?? path.join(root, "docs/img/redline-overview-layout.svg");

const COL_PX = 40;
const ROW_PX = 30;
const GAP_PX = 4;
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Splits a title into lines that fit `width` px at ~6.5 px a character. */
function wrap(text, width) {
  const perLine = Math.max(8, Math.floor((width - 16) / 6.5));
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + " " + word).length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function draw(dashboard) {
  const panels = dashboard.panels;
  const bottom = Math.max(...panels.map((p) => p.gridPos.y + p.gridPos.h));
  const width = 24 * COL_PX;
  const height = bottom * ROW_PX + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#111217"/>`,
    `<text x="8" y="24" fill="#ccccdc" font-size="16" font-weight="bold">${escape(dashboard.title)}</text>`,
  ];
  for (const p of panels) {
    const x = p.gridPos.x * COL_PX + GAP_PX / 2;
    const y = 36 + p.gridPos.y * ROW_PX + GAP_PX / 2;
    const w = p.gridPos.w * COL_PX - GAP_PX;
    const h = p.gridPos.h * ROW_PX - GAP_PX;
    if (p.type === "row") {
      parts.push(`<text x="${x + 4}" y="${y + 20}" fill="#ccccdc" font-size="14" font-weight="bold">${escape(p.title)}</text>`);
      continue;
    }
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="#181b1f" stroke="#2c3235"/>`);
    wrap(p.title, w).forEach((line, i) => {
      parts.push(`<text x="${x + 8}" y="${y + 18 + i * 15}" fill="#ccccdc" font-size="12">${escape(line)}</text>`);
    });
    parts.push(`<text x="${x + 8}" y="${y + h - 8}" fill="#6e7681" font-size="10">${escape(p.type)}, ${p.targets?.length ?? 0} quer${p.targets?.length === 1 ? "y" : "ies"}</text>`);
  }
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

fs.writeFileSync(output, draw(JSON.parse(fs.readFileSync(input, "utf8"))));
console.log(`wrote ${path.relative(process.cwd(), output)}`);
