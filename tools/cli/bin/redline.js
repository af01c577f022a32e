#!/usr/bin/env node
// Thin launcher: the CLI is compiled by the root `prepare` script (tsc --build).
require("../dist/main.js");
