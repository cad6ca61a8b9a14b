import { listBuckets, listObjects, headObject, getObjectText, searchKeys, resolveLocation } from "./s3.js";
const json = (v) => ({ content: [{ type: "text", text: JSON.stringify(v, null, 2) }] });
const location = {
    bucket: { type: "string", description: "S3 bucket name" },
    key: { type: "string", description: "Object key inside the bucket" },
    path: { type: "string", description: "Alternative to bucket+key: an s3://bucket/key URI" },
};
const listDirectory = {
    name: "list_directory",
    description: "List objects and sub-prefixes ('folders') under a prefix in an S3 bucket. " +
        "This browses S3, not the local disk. Pass bucket and prefix, or path as s3://bucket/prefix/.",
    inputSchema: {
        type: "object",
        properties: {
            bucket: location.bucket,
            prefix: { type: "string", default: "", description: "Key prefix, e.g. reports/2024/" },
            path: location.path,
            continuation_token: { type: "string" },
        },
    },
    run: async (a) => {
        const { bucket, key } = resolveLocation(a);
        return json(await listObjects(bucket, key, "/", a.continuation_token));
    },
};
const readFile = {
    name: "read_file",
    description: "Read an object stored in an S3 bucket as UTF-8 text (first 256 KiB). " +
        "This reads from S3, not the local disk. Pass bucket and key, or path as s3://bucket/key.",
    inputSchema: { type: "object", properties: { ...location } },
    run: async (a) => {
        const { bucket, key } = resolveLocation(a);
        if (!key)
            throw new Error("key is required");
        const r = await getObjectText(bucket, key, 256 * 1024);
        return { content: [{ type: "text", text: r.truncated ? `${r.text}\n… (truncated)` : r.text }] };
    },
};
export const tools = [
    {
        name: "list_buckets",
        description: "List the S3 buckets visible to the configured credentials.",
        inputSchema: { type: "object", properties: {} },
        run: async () => json(await listBuckets()),
    },
    listDirectory,
    readFile,
    {
        name: "search_files",
        description: "Find object keys in an S3 bucket matching a glob such as **/*.csv or logs/2024-??-*.gz, " +
            "scanning at most 20,000 keys under the prefix. Searches S3 key names only (not contents, not the local disk).",
        inputSchema: {
            type: "object",
            properties: {
                bucket: location.bucket,
                prefix: { type: "string", default: "" },
                pattern: { type: "string", description: "Glob; * does not cross '/', ** does" },
                limit: { type: "integer", minimum: 1, maximum: 500, default: 100 },
            },
            required: ["bucket", "pattern"],
        },
        run: async (a) => json(await searchKeys(a.bucket, a.prefix ?? "", a.pattern, a.limit ?? 100)),
    },
    {
        name: "head_object",
        description: "Get size, content type, modification time and metadata of an S3 object.",
        inputSchema: { type: "object", properties: { ...location } },
        run: async (a) => {
            const { bucket, key } = resolveLocation(a);
            return json(await headObject(bucket, key));
        },
    },
];
/** Pre-0.9 names, still callable but no longer listed. Removed in 1.0. */
export const aliases = {
    list_objects: listDirectory,
    get_object: readFile,
};
