#!/usr/bin/env node
"use strict";

const { start } = require("../lib/server");
const { refreshMaintained } = require("../lib/provenance");
const { version } = require("../package.json");

const arg = process.argv[2];

if (arg === "--version" || arg === "-v") {
  console.log(version);
} else if (arg === "--refresh") {
  refreshMaintained({ force: true }).then(() => process.exit(0));
} else {
  start()
    .then(() => refreshMaintained())
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
