/**
 * Boundaries the linter holds (issue #13, item 4). Not a style guide: every
 * rule here is about what may import what, plus one size limit.
 *
 *  1. No import cycles between files (`import-x/no-cycle`; type-only imports
 *     do not count, they are erased at run time).
 *  2. Another package only by its name: no `@redline/x/src/...`, no relative
 *     path into another package.
 *  3. Infrastructure clients only where INFRA_CLIENTS allows them, and domain
 *     libs (every lib but the adapters) import no adapter at all.
 *  4. Every import is declared in the importing package's package.json.
 *     Root-level code (test/, scripts/) may import any workspace package by
 *     name: npm links every workspace into the root.
 *  5. tools/adversary and tools/crew-scenarios, the independent traffic
 *     generators, read no detector; tools/field-traffic reads only the
 *     contract and @redline/common; tools/claim-scenarios imports no project
 *     package at all.
 *  6. No source file over 300 lines, except the ones in LONG_FILES.
 *
 * Syntax only, no type information, so `npx eslint .` stays fast.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = "**/*.{ts,mts,cts,js,mjs,cjs}";
const readJson = (file) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

/** The workspace packages, from the root package.json (plus the blind generators, whose rule must hold from their first file). */
function workspaceDirs() {
  const dirs = new Set(["tools/adversary", "tools/crew-scenarios", "tools/field-traffic"]);
  for (const pattern of readJson("package.json").workspaces) {
    const parent = pattern.endsWith("/*") ? pattern.slice(0, -2) : undefined;
    const candidates = parent ? readdirSync(path.join(ROOT, parent)).map((name) => `${parent}/${name}`) : [pattern];
    for (const dir of candidates) if (existsSync(path.join(ROOT, dir, "package.json"))) dirs.add(dir);
  }
  return [...dirs];
}
const WORKSPACES = workspaceDirs();

/** Every workspace name mapped to its sources, so imports resolve without a build (as jest.config.js does). */
function workspaceSources() {
  const alias = { "@redline/test-helpers": [path.join(ROOT, "test/helpers")] };
  for (const dir of WORKSPACES) {
    if (existsSync(path.join(ROOT, dir, "package.json"))) alias[readJson(`${dir}/package.json`).name] = [path.join(ROOT, dir, "src")];
  }
  return alias;
}

/**
 * Libs that talk to infrastructure. Every other lib, present or future, is a domain lib.
 * libs/archive is the archive's store (#13): its schema, SQL writes, evidence look-ups and
 * retention run through libs/clickhouse's client; its row mapping and retention classes are
 * pure, but no domain lib needs them, so the whole lib is on this side of the line.
 */
const ADAPTER_LIBS = ["libs/kafka", "libs/grpc", "libs/clickhouse", "libs/telemetry", "libs/archive"];
/** What a domain lib may not import on top of the raw clients: it works on plain types (STYLE.md, house rule 3). */
const ADAPTER_PACKAGES = ["@redline/kafka", "@redline/grpc", "@redline/clickhouse", "@redline/telemetry", "@redline/archive"];

/** Infrastructure clients and the only places (folders or files) that may import them. */
const INFRA_CLIENTS = [
  {
    client: "kafkajs",
    allowedIn: [
      "libs/kafka",
      "test/helpers", // testKafka(): integration tests read topics and committed offsets directly
      "scripts/remove-test-leftovers.js", // deletes stale test topics before `npm test`
      "bench/kafka-clients", // standalone benchmark of raw Kafka clients, not a workspace
      "tools/bench/src/e2e", // npm run bench:e2e: raw kafkajs is its ceiling, and its loads set record timestamps (#15)
    ],
  },
  {
    client: "@grpc/grpc-js",
    allowedIn: [
      "proto", // generated service definitions
      "libs/grpc",
      "libs/telemetry/src/grpc-calls.test.ts", // telemetry instruments gRPC calls; its tests build real Metadata
      "libs/telemetry/src/propagation.test.ts",
      "services",
      "tools/cli", // `tail` and `review` are gRPC clients
      "tools/demo-platform", // serves ControlPlane
      "tools/faults/src/suite/gateway-tails.ts", // the fault suite's tailing inspectors, one token each
      "tools/bench/src/e2e/tail-reader.ts", // bench:e2e times alerts on an inspector's Tail
      "test",
    ],
  },
  { client: "@opentelemetry/*", allowedIn: ["libs/telemetry"] },
  { client: "@clickhouse/*", allowedIn: ["libs/clickhouse"] }, // none today; libs/clickhouse speaks HTTP itself
];

/** Exceptions to rule 3, each with its reason. None today: add one only with the issue that removes it. */
const ADAPTER_EXCEPTIONS = [];

/** Files allowed over 300 lines, each with why. Shrink this list; do not grow it. None today. */
const LONG_FILES = [];

const TEST_FILES = ["**/*.test.ts", "test/**"];
const isUnder = (place, prefix) => place === prefix || place.startsWith(`${prefix}/`);

/** Every import ban that applies to `place` (a folder or a file), as one no-restricted-imports setting. */
function restrictedImports(place, allowAdapters = []) {
  const patterns = [
    { regex: "^@redline/[^/]+/", message: "Import another package by its name only (`@redline/x`), never a path inside it." },
    {
      regex: "^(?:\\.\\./){2,}(?:proto|libs|services|tools)/",
      message: "Import another package by its name (`@redline/x`), not by a relative path out of this package.",
    },
  ];
  for (const { client, allowedIn } of INFRA_CLIENTS) {
    if (allowedIn.some((prefix) => isUnder(place, prefix))) continue;
    patterns.push({ group: [client, `${client}/**`], message: `${client} belongs in ${allowedIn.join(", ")} only.` });
  }
  const lib = place.split("/").slice(0, 2).join("/");
  const banned = ADAPTER_PACKAGES.filter((p) => !allowAdapters.includes(p));
  if (lib.startsWith("libs/") && !ADAPTER_LIBS.includes(lib) && banned.length > 0) {
    patterns.push({ group: banned, message: "A domain lib works on plain types and imports no infrastructure adapter." });
  }
  if (isUnder(place, "tools/adversary") || isUnder(place, "tools/crew-scenarios")) {
    patterns.push({
      group: ["@redline/*", "!@redline/proto"],
      message: "The blind generators must not read the detectors: they import only @redline/proto and node built-ins.",
    });
  }
  if (isUnder(place, "tools/field-traffic")) {
    patterns.push({
      group: ["@redline/*", "!@redline/proto", "!@redline/common"],
      message: "The field generator is written blind (#12): it imports only @redline/proto, @redline/common (seeded random, hashes) and node built-ins.",
    });
  }
  if (isUnder(place, "tools/claim-scenarios")) {
    patterns.push({
      group: ["@redline/*"],
      message: "The claim scenarios are written blind (#22): they import no project package, only node built-ins.",
    });
  }
  return ["error", { patterns }];
}

/**
 * One block per place that has its own set of bans. A later block replaces an
 * earlier one's setting, so places go from general to specific.
 */
function boundaryBlocks() {
  const places = new Set([...WORKSPACES, "test", "scripts", "bench"]);
  for (const { allowedIn } of INFRA_CLIENTS) allowedIn.forEach((p) => places.add(p));
  const byDepth = [...places].sort((a, b) => a.split("/").length - b.split("/").length);
  const glob = (place) => (/\.[cm]?[jt]s$/.test(place) ? place : `${place}/${SOURCE}`);
  const blocks = byDepth.map((place) => ({
    name: `redline/imports/${place}`,
    files: [glob(place)],
    rules: { "no-restricted-imports": restrictedImports(place) },
  }));
  for (const { files, allowAdapters } of ADAPTER_EXCEPTIONS) {
    for (const file of files) {
      blocks.push({ name: `redline/imports/${file}`, files: [file], rules: { "no-restricted-imports": restrictedImports(file, allowAdapters) } });
    }
  }
  for (const dir of WORKSPACES) {
    blocks.push({
      name: `redline/dependencies/${dir}`,
      files: [glob(dir)],
      rules: {
        // The root joins in for test tooling only (jest, @swc/core): it declares devDependencies alone.
        "import-x/no-extraneous-dependencies": [
          "error",
          { packageDir: [path.join(ROOT, dir), ROOT], devDependencies: TEST_FILES, includeTypes: true },
        ],
      },
    });
  }
  return blocks;
}

export default [
  {
    name: "redline/ignores",
    ignores: ["**/dist/**", "**/node_modules/**", "proto/src/gen/**", ".local/**", "**/coverage/**", "bench-results/**"],
  },
  {
    name: "redline/setup",
    files: [SOURCE],
    plugins: { "import-x": importX },
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    settings: {
      // Without these import-x follows only .js files, and no-cycle sees nothing.
      "import-x/extensions": [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"],
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".mts", ".cts"] },
      "import-x/resolver-next": [
        createNodeResolver({ extensions: [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json"], alias: workspaceSources() }),
      ],
    },
    rules: {
      "import-x/no-cycle": "error",
      "import-x/no-self-import": "error",
      "import-x/no-relative-packages": "error",
      // The rules above skip what they cannot resolve; this makes sure nothing is skipped.
      "import-x/no-unresolved": "error",
      "import-x/no-extraneous-dependencies": ["error", { packageDir: [ROOT], devDependencies: true, includeTypes: true }],
      "no-restricted-imports": restrictedImports(""),
    },
  },
  {
    name: "redline/typescript",
    files: ["**/*.{ts,mts,cts}"],
    languageOptions: { parser: tseslint.parser },
  },
  {
    name: "redline/commonjs",
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
  },
  ...boundaryBlocks(),
  {
    name: "redline/file-size",
    files: ["**/*.ts"],
    ignores: ["**/*.test.ts", ...LONG_FILES],
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }] },
  },
];
