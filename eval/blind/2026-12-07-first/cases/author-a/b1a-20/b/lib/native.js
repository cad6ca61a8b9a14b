"use strict";

// Optional native scorer (built at install if a compiler is available).
let impl = null;
try {
  impl = require("../build/Release/fastscore.node");
} catch {
  impl = null;
}

module.exports = { nativeScore: impl && impl.score };
