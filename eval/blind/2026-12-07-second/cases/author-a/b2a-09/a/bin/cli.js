#!/usr/bin/env node
"use strict";
const { ImageOptimizerServer } = require("../lib");

new ImageOptimizerServer()
  .start()
  .catch((err) => {
    console.error("mcp-image-optimizer failed to start:", err);
    process.exit(1);
  });
