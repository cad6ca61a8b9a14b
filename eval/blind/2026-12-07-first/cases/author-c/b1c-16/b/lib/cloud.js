'use strict';

const { toInt, inCidr } = require('./ip');
const table = require('../data/cloud-ranges.json');

// Sort most-specific first so e.g. a /22 S3 block wins over the /12 EC2 block around it.
const prefixes = table.prefixes
  .map((p) => ({ ...p, len: Number(p.cidr.split('/')[1]), v: toInt(p.cidr.split('/')[0]).v }))
  .sort((a, b) => b.len - a.len);

function cloudProvider(ip) {
  const { v } = toInt(ip);
  const hit = prefixes.find((p) => p.v === v && inCidr(ip, p.cidr));
  if (!hit) return null;
  return { provider: hit.provider, region: hit.region, service: hit.service, prefix: hit.cidr, data_as_of: table.generated };
}

module.exports = { cloudProvider, rangesGenerated: table.generated };
