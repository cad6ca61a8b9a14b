import type { Rule } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { introducedStrings } from "./lib/introduced.js";

/** Where AI assistants keep their MCP server lists and settings. */
// A bare `mcp.json` is any tool's own settings file (Sentry's token cache); the agents' are named by
// their folder (.cursor/mcp.json, .vscode/mcp.json) or are Claude Code's project `.mcp.json`.
export const AGENT_CONFIGS =
  /^(?:claude_desktop_config|cline_mcp_settings|mcp_config)\.json$|^\.(?:claude|cursor|codeium|continue|gemini|codex|kiro|windsurf)$|claude_desktop_config\.json|(?:^|[/\\~])\.claude(?:\.json|[/\\]|$)|\.cursor[/\\](?:mcp\.json|rules)|\.vscode[/\\]mcp\.json|\.codeium[/\\]windsurf|windsurf[/\\]mcp_config\.json|cline_mcp_settings\.json|\.continue[/\\]config|\.gemini[/\\]settings\.json|\.codex[/\\]config\.toml|(?:^|[/\\])\.mcp\.json$|roo[-_]?cline|\.kiro[/\\]settings[/\\]mcp\.json|Code[/\\]User[/\\]settings\.json/i;

/** Flags that make an AI coding agent run tools without asking (the nx compromise drove agents with these). */
const PERMISSION_BYPASS =
  /--dangerously-skip-permissions\b|--dangerously-bypass-approvals-and-sandbox\b|--trust-all-tools\b|--allow-all-tools\b|(?:^|\s)--yolo\b|--full-auto\b|--approval-mode[= ](?:yolo|full-auto)\b/;

export const rule: Rule = {
  id: "agent-config-write",
  title: "Touches AI agent configuration",
  description:
    "Flags code that the new version adds which names the configuration of AI assistants: " +
    "claude_desktop_config.json, ~/.claude, .cursor/mcp.json, .vscode/mcp.json, Windsurf, Cline, Continue, " +
    "Gemini CLI or Codex settings, or the flags that make an agent run tools without asking " +
    "(--dangerously-skip-permissions, --yolo, --trust-all-tools). An MCP server has no business reading or " +
    "rewriting the assistant's own server list or turning off its prompts: that is how a package installs " +
    "itself into other agents, steals their credentials or drives them.",
  defaultSeverity: "critical",
  incident:
    "The nx compromise (August 2025) drove installed AI CLIs to search the disk; 2025 npm worms added themselves to .cursor/mcp.json and claude_desktop_config.json.",
  detect(ctx) {
    const configs = introducedStrings(ctx, AGENT_CONFIGS).map(({ file, value, line }) => ({
      severity: "critical" as const,
      file: file.path,
      line,
      message: `names AI agent configuration: "${value.slice(0, 80)}"`,
      evidence: evidenceAt(file, line, value.slice(0, 40)),
    }));
    const bypass = introducedStrings(ctx, PERMISSION_BYPASS).map(({ file, value, line }) => ({
      severity: "critical" as const,
      file: file.path,
      line,
      message: `runs an AI agent with its permission prompts off: "${PERMISSION_BYPASS.exec(value)![0].trim()}"`,
      evidence: evidenceAt(file, line, PERMISSION_BYPASS.exec(value)![0].trim()),
    }));
    return [...configs, ...bypass];
  },
};
