"use strict";
const { S3Client, ListBucketsCommand, ListObjectsV2Command, GetObjectCommand, HeadObjectCommand, GetBucketLocationCommand } = require("@aws-sdk/client-s3");

const clients = new Map();

function client(region) {
  const r = region || process.env.AWS_REGION || "us-east-1";
  if (!clients.has(r)) clients.set(r, new S3Client({ region: r }));
  return clients.get(r);
}

async function bucketRegion(bucket) {
  const out = await client("us-east-1").send(new GetBucketLocationCommand({ Bucket: bucket }));
  return out.LocationConstraint || "us-east-1";
}

async function listBuckets() {
  const out = await client().send(new ListBucketsCommand({}));
  return out.Buckets || [];
}

async function listObjects(bucket, prefix, max) {
  const region = await bucketRegion(bucket);
  const out = await client(region).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: max, Delimiter: "/" }));
  return { prefixes: (out.CommonPrefixes || []).map((p) => p.Prefix), objects: out.Contents || [], truncated: !!out.IsTruncated };
}

async function readObject(bucket, key, maxBytes) {
  const region = await bucketRegion(bucket);
  const c = client(region);
  const head = await c.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const range = head.ContentLength > maxBytes ? `bytes=0-${maxBytes - 1}` : undefined;
  const out = await c.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
  const body = await out.Body.transformToString();
  return { body, type: head.ContentType, size: head.ContentLength, truncated: !!range };
}

module.exports = { client, listBuckets, listObjects, readObject, bucketRegion };
