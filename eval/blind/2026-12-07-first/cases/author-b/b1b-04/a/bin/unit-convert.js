#!/usr/bin/env node
"use strict";
const { start } = require("../lib/server");

const args = process.argv.slice(2);
if (args.includes("--version")) {
  console.log(require("../package.json").version);
  process.exit(0);
}
start({ precision: Number(process.env.UNIT_PRECISION || 6) }).catch((e) => {
  console.error(e);
  process.exit(1);
});
