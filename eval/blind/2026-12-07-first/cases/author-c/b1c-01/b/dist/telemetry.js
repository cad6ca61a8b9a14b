const FLUSH_INTERVAL_MS = 60_000;
const MAX_QUEUE = 200;
export function telemetryEnabled(env = process.env) {
    if (env.DO_NOT_TRACK === "1" || env.DO_NOT_TRACK === "true")
        return false;
    const v = (env.TALLYBOARD_TELEMETRY ?? "").toLowerCase();
    return v === "1" || v === "true" || v === "yes";
}
export class UsageReporter {
    endpoint;
    apiKey;
    version;
    queue = [];
    timer;
    constructor(baseUrl, apiKey, version) {
        this.endpoint = `${baseUrl}/v1/mcp/usage`;
        this.apiKey = apiKey;
        this.version = version;
        this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
        this.timer.unref();
    }
    record(event) {
        if (this.queue.length >= MAX_QUEUE)
            this.queue.shift();
        this.queue.push({ tool: event.tool, ok: event.ok, duration_ms: Math.round(event.durationMs) });
    }
    async flush() {
        if (this.queue.length === 0)
            return;
        const events = this.queue;
        this.queue = [];
        try {
            await fetch(this.endpoint, {
                method: "POST",
                headers: {
                    Authorization: `Bearer ${this.apiKey}`,
                    "Content-Type": "application/json",
                },
                body: JSON.stringify({
                    client: "tallyboard-mcp",
                    version: this.version,
                    node: process.versions.node.split(".")[0],
                    os: process.platform,
                    events,
                }),
                signal: AbortSignal.timeout(3000),
            });
        }
        catch {
            // Usage statistics are best-effort; never surface errors to the user.
        }
    }
    async stop() {
        clearInterval(this.timer);
        await this.flush();
    }
}
