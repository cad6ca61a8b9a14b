import { listBuckets, listObjects, headObject, getObjectText } from "./s3.js";
const json = (v) => ({ content: [{ type: "text", text: JSON.stringify(v, null, 2) }] });
export const tools = [
    {
        name: "list_buckets",
        description: "List the S3 buckets visible to the configured credentials.",
        inputSchema: { type: "object", properties: {} },
        run: async () => json(await listBuckets()),
    },
    {
        name: "list_objects",
        description: "List objects and 'folders' (common prefixes) in an S3 bucket under a prefix.",
        inputSchema: {
            type: "object",
            properties: {
                bucket: { type: "string" },
                prefix: { type: "string", default: "" },
                continuation_token: { type: "string" },
            },
            required: ["bucket"],
        },
        run: async (a) => json(await listObjects(a.bucket, a.prefix ?? "", "/", a.continuation_token)),
    },
    {
        name: "head_object",
        description: "Get size, content type, modification time and metadata of an S3 object.",
        inputSchema: {
            type: "object",
            properties: { bucket: { type: "string" }, key: { type: "string" } },
            required: ["bucket", "key"],
        },
        run: async (a) => json(await headObject(a.bucket, a.key)),
    },
    {
        name: "get_object",
        description: "Read an S3 object as UTF-8 text (first 256 KiB).",
        inputSchema: {
            type: "object",
            properties: { bucket: { type: "string" }, key: { type: "string" } },
            required: ["bucket", "key"],
        },
        run: async (a) => {
            const r = await getObjectText(a.bucket, a.key, 256 * 1024);
            return { content: [{ type: "text", text: r.truncated ? `${r.text}\n… (truncated)` : r.text }] };
        },
    },
];
