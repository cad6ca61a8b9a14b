import { S3Client, ListBucketsCommand, ListObjectsV2Command, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
export const client = new S3Client({
    region: process.env.AWS_REGION ?? process.env.S3_REGION ?? "us-east-1",
    endpoint: process.env.S3_ENDPOINT || undefined,
    forcePathStyle: process.env.S3_FORCE_PATH_STYLE === "true",
});
const allowed = (process.env.S3_ALLOWED_BUCKETS ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
export function checkBucket(bucket) {
    if (allowed.length > 0 && !allowed.includes(bucket)) {
        throw new Error(`Bucket ${bucket} is not in S3_ALLOWED_BUCKETS`);
    }
}
export async function listBuckets() {
    const out = await client.send(new ListBucketsCommand({}));
    return (out.Buckets ?? [])
        .map((b) => ({ name: b.Name, created: b.CreationDate?.toISOString() }))
        .filter((b) => allowed.length === 0 || allowed.includes(b.name));
}
export async function listObjects(bucket, prefix, delimiter, token, max = 200) {
    checkBucket(bucket);
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token, MaxKeys: max }));
    return {
        prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix),
        objects: (out.Contents ?? []).map((o) => ({ key: o.Key, size: o.Size, modified: o.LastModified?.toISOString() })),
        next_token: out.NextContinuationToken ?? null,
    };
}
export async function headObject(bucket, key) {
    checkBucket(bucket);
    const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: out.ContentLength, type: out.ContentType, modified: out.LastModified?.toISOString(), etag: out.ETag, metadata: out.Metadata };
}
export async function getObjectText(bucket, key, maxBytes) {
    checkBucket(bucket);
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }));
    const text = await out.Body.transformToString("utf-8");
    return { text, truncated: (out.ContentLength ?? 0) >= maxBytes, type: out.ContentType };
}
