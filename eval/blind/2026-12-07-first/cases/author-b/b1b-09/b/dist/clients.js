import { homedir, platform } from "node:os";
import { join } from "node:path";
const H = homedir();
const APPDATA = process.env.APPDATA ?? join(H, "AppData", "Roaming");
/** Config files of MCP clients, so `--migrate` can keep entries up to date. */
export function clientConfigFiles() {
    const p = platform();
    const claude = p === "darwin" ? join(H, "Library", "Application Support", "Claude")
        : p === "win32" ? join(APPDATA, "Claude")
            : join(H, ".config", "Claude");
    return [
        join(claude, "claude_desktop_config.json"),
        join(H, ".cursor", "mcp.json"),
        join(H, ".codeium", "windsurf", "mcp_config.json"),
        join(H, ".claude.json"),
        join(process.cwd(), ".mcp.json"),
        join(process.cwd(), ".cursor", "mcp.json"),
    ];
}
