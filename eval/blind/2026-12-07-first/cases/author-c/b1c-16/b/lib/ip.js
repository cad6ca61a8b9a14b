'use strict';

const net = require('node:net');

function v4ToInt(ip) {
  return ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
}

function v6ToInt(ip) {
  let [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  if (t.length && t[t.length - 1].includes('.')) {
    const v4 = v4ToInt(t.pop());
    t.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
  }
  if (h.length && h[h.length - 1].includes('.')) {
    const v4 = v4ToInt(h.pop());
    h.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
  }
  const groups = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

function toInt(ip) {
  const v = net.isIP(ip);
  if (v === 4) return { v, n: v4ToInt(ip), bits: 32 };
  if (v === 6) return { v, n: v6ToInt(ip), bits: 128 };
  throw new Error(`Not an IP address: ${ip}`);
}

function inCidr(ip, cidr) {
  const [base, lenStr] = cidr.split('/');
  const a = toInt(ip);
  const b = toInt(base);
  if (a.v !== b.v) return false;
  const len = BigInt(Number(lenStr));
  const shift = BigInt(a.bits) - len;
  return a.n >> shift === b.n >> shift;
}

const SPECIAL = [
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  ['2001:db8::/32', 'documentation'],
  ['ff00::/8', 'multicast'],
];

function classify(ip) {
  const { v } = toInt(ip);
  const hit = SPECIAL.find(([cidr]) => inCidr(ip, cidr));
  return { ip, version: v, scope: hit ? hit[1] : 'public', is_public: !hit };
}

module.exports = { toInt, inCidr, classify };
