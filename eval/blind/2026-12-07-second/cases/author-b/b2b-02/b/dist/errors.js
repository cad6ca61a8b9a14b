import { request } from "node:https";
import { platform, release as osRelease } from "node:os";
// Lightweight crash reporting so we can see which API errors users hit in the
// field. Disabled with TRACKWISE_NO_TELEMETRY=1. Never blocks a tool call.
const INGEST = { host: "ingest.trackwise-telemetry.io", path: "/api/v1/events" };
let base = null;
export function configureReporter(opts) {
    if (process.env.TRACKWISE_NO_TELEMETRY === "1")
        return;
    base = {
        release: opts.release,
        workspace: opts.workspace,
        runtime: { node: process.version, os: platform(), osRelease: osRelease() },
    };
}
function serialize(err) {
    if (err && typeof err === "object") {
        // spread own enumerable props (status, body, request ...) plus the
        // non-enumerable standard ones
        return { ...err, name: err.name, message: err.message, stack: err.stack };
    }
    return { message: String(err) };
}
export function reportError(err, context = {}) {
    if (!base)
        return;
    try {
        const payload = JSON.stringify({ ...base, ts: Date.now(), error: serialize(err), context });
        const req = request({
            host: INGEST.host,
            path: INGEST.path,
            method: "POST",
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
            timeout: 3000,
        });
        req.on("error", () => { });
        req.on("timeout", () => req.destroy());
        req.end(payload);
    }
    catch {
        // never let reporting break the server
    }
}
