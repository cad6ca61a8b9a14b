/** The MCP surface as data: tools, prompts and resources a server declares, and how two surfaces differ. */
import type { StaticValue } from "../eval/value.js";

export interface HandlerRange {
  file: string;
  /** First and last line. */
  from: number;
  to: number;
  /** Source offsets: what lines cannot separate in a minified file. */
  start?: number;
  end?: number;
}

/** Is this located value (a call, a string) inside the handler? By offset where both have one. */
export function inHandler(h: HandlerRange, loc: { line: number; at?: number }): boolean {
  if (h.start !== undefined && h.end !== undefined && loc.at !== undefined)
    return loc.at >= h.start && loc.at < h.end;
  return loc.line >= h.from && loc.line <= h.to;
}

/**
 * How a tool reaches clients: registered unconditionally, under a condition (a setting, a capability),
 * registered and then disabled, or defined where nothing registers it (a module no entry point
 * imports, a function nobody calls, a test file).
 */
export type ToolState = "registered" | "conditional" | "disabled" | "unregistered";
export const STATE_RANK: Record<ToolState, number> = {
  registered: 0,
  conditional: 1,
  disabled: 2,
  unregistered: 3,
};
/** The less available of two states (a condition inside a conditional call stays conditional). */
export const weaker = (a: ToolState, b: ToolState): ToolState => (STATE_RANK[a] >= STATE_RANK[b] ? a : b);

export interface ToolDef {
  name: string;
  title: string | null;
  /** The description text, "dynamic" when it is computed at run time, null when there is none. */
  description: string | null;
  inputSchema: { [k: string]: StaticValue } | null;
  annotations: { [k: string]: StaticValue } | null;
  file: string;
  line: number;
  handler?: HandlerRange;
  /** Absent: registered. */
  state?: ToolState;
}

export interface PromptDef {
  name: string;
  title: string | null;
  description: string | null;
  arguments: StaticValue | null;
  file: string;
  line: number;
  /** The function that builds the prompt's messages. */
  handler?: HandlerRange;
}

export interface ResourceDef {
  name: string;
  uri: string | null;
  title: string | null;
  description: string | null;
  mimeType: string | null;
  file: string;
  line: number;
  /** The function that reads the resource's contents. */
  handler?: HandlerRange;
}

export interface McpSurface {
  tools: ToolDef[];
  prompts: PromptDef[];
  resources: ResourceDef[];
  /** Registrations whose name could not be resolved statically. */
  dynamic: { file: string; line: number; kind: "tool" | "prompt" | "resource" }[];
  /** Names a CallTool handler dispatches on that no tool lists: callable, but hidden from the model's list. */
  hidden: { name: string; file: string; line: number }[];
  /** API descriptions (OpenAPI) in the package that the code names: tools may be generated from them. */
  generated: { file: string; operations: number }[];
  /** Elicitation requests (`elicitInput({ message, … })`): text shown to the user on the model's behalf. */
  elicitations: HandlerRange[];
}

export interface ToolChange {
  before: ToolDef;
  after: ToolDef;
  changes: string[];
  /** Hints that went from safe to less safe (readOnlyHint true → false, …). */
  loosened: string[];
  addedParams: string[];
}

export interface SurfaceDiff {
  added: ToolDef[];
  removed: ToolDef[];
  renamed: { before: ToolDef; after: ToolDef }[];
  changed: ToolChange[];
  promptsAdded: PromptDef[];
  resourcesAdded: ResourceDef[];
  promptsChanged: { before: PromptDef; after: PromptDef }[];
  /** Names the CallTool handler newly answers without listing them to the client. */
  hiddenAdded: McpSurface["hidden"];
}
