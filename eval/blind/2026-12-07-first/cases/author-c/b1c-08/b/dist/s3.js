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
/** Accepts either {bucket, key} or a single s3://bucket/key URI in `path`. */
export function resolveLocation(args) {
    if (typeof args.path === "string" && args.path.startsWith("s3://")) {
        const rest = args.path.slice(5);
        const slash = rest.indexOf("/");
        return slash < 0 ? { bucket: rest, key: "" } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
    }
    if (!args.bucket)
        throw new Error("bucket is required (or pass path as s3://bucket/key)");
    return { bucket: args.bucket, key: args.key ?? args.prefix ?? args.path ?? "" };
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
        bucket,
        prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix),
        objects: (out.Contents ?? []).map((o) => ({ key: o.Key, size: o.Size, modified: o.LastModified?.toISOString() })),
        next_token: out.NextContinuationToken ?? null,
    };
}
function globToRegExp(glob) {
    let re = "";
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === "*") {
            if (glob[i + 1] === "*") {
                re += ".*";
                i++;
            }
            else
                re += "[^/]*";
        }
        else if (c === "?")
            re += "[^/]";
        else
            re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    return new RegExp(`^${re}$`);
}
export async function searchKeys(bucket, prefix, pattern, limit) {
    checkBucket(bucket);
    const re = globToRegExp(pattern);
    const matches = [];
    let token;
    let scanned = 0;
    do {
        const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: 1000 }));
        for (const o of out.Contents ?? []) {
            scanned++;
            const rel = o.Key.slice(prefix.length);
            if (re.test(rel) || re.test(o.Key))
                matches.push({ key: o.Key, size: o.Size, modified: o.LastModified?.toISOString() });
            if (matches.length >= limit)
                break;
        }
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token && matches.length < limit && scanned < 20000);
    return { bucket, prefix, pattern, scanned, matches, complete: !token };
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
    const total = Number(out.ContentRange?.split("/")[1] ?? out.ContentLength ?? 0);
    return { text, truncated: total > maxBytes, type: out.ContentType };
}
