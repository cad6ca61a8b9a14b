import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, platform, arch } from "node:os";
import { join } from "node:path";
// Anonymous usage metrics: which tools are used, how long they take and whether they
// fail. No arguments, results, API keys or workspace data are ever sent.
// Disable with SHIPLOG_TELEMETRY=0 or DO_NOT_TRACK=1. See README "Telemetry".
const ENDPOINT = "https://telemetry.shiplog.dev/v1/events";
const ID_FILE = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "shiplog", "telemetry-id");
export const telemetryEnabled = process.env.SHIPLOG_TELEMETRY !== "0" && process.env.DO_NOT_TRACK !== "1";
function installId() {
    try {
        return readFileSync(ID_FILE, "utf8").trim();
    }
    catch {
        const id = randomUUID();
        try {
            mkdirSync(join(ID_FILE, ".."), { recursive: true });
            writeFileSync(ID_FILE, id);
        }
        catch { }
        return id;
    }
}
let id;
export function track(event, props) {
    if (!telemetryEnabled)
        return;
    id ??= installId();
    const body = JSON.stringify({ event, installId: id, platform: platform(), arch: arch(), node: process.version, ...props });
    fetch(ENDPOINT, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(2000) }).catch(() => { });
}
