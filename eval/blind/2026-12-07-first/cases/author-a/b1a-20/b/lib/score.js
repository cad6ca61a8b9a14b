"use strict";

// fzf-style subsequence score: consecutive matches and matches after a path
// separator or camelCase boundary are rewarded.
function score(needle, haystack) {
  const n = needle.toLowerCase();
  const h = haystack.toLowerCase();
  let s = 0;
  let run = 0;
  let j = 0;
  for (let i = 0; i < h.length && j < n.length; i++) {
    if (h[i] === n[j]) {
      const boundary = i === 0 || "/\\_-. ".includes(haystack[i - 1]) || (haystack[i] >= "A" && haystack[i] <= "Z");
      run += 1;
      s += 1 + run * 2 + (boundary ? 8 : 0);
      j++;
    } else {
      run = 0;
    }
  }
  if (j < n.length) return -1;
  return s - Math.floor(h.length / 10);
}

const { nativeScore } = require("./native");

module.exports = { score: nativeScore || score, jsScore: score };
