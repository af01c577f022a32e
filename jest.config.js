// Two tiers: `unit` (pure logic next to the code, milliseconds) and
// `integration` (real Kafka and ClickHouse started by deploy/local/up.sh).
// Packages are mapped to their sources so tests need no build step.
const transform = { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] };
const moduleNameMapper = {
  "^@redline/proto$": "<rootDir>/proto/src",
  "^@redline/(cli|bench|demo-platform|demo-feed|eval|adversary|crew-scenarios|claim-scenarios|field-traffic|faults)$": "<rootDir>/tools/$1/src",
  "^@redline/test-helpers$": "<rootDir>/test/helpers",
  "^@redline/(archiver|action-dispatcher|alert-gateway|risk-engine|inspector-console|crew-detector)$": "<rootDir>/services/$1/src",
  "^@redline/([a-z-]+)$": "<rootDir>/libs/$1/src",
};
module.exports = {
  // Applies to integration hooks too (a per-project testTimeout does not).
  testTimeout: 120000,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      moduleNameMapper,
      testMatch: ["<rootDir>/{libs,services,tools}/*/src/**/*.test.ts"],
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      transform,
      moduleNameMapper,
      testMatch: ["<rootDir>/test/{integration,e2e}/**/*.test.ts"],
    },
  ],
};
