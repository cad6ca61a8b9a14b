/**
 * The MCP SDK as data: the registration methods per kind, the keys of tool objects, the request
 * schemas a server handles, elicitation calls, and the cheap pre-filter of files worth parsing.
 */

/** Files worth parsing: they register something, or define tool objects, outside the SDK itself. */
export const CALL_MARKER =
  /\.(?:registerTool|registerToolTask|registerPrompt|registerResource)\s*\(|\.(?:tool|prompt|resource)\s*\(\s*["'`]|Tool\s*\(\s*(?:\{|\(\s*\)\s*=>)/;
/** Tool objects: `inputSchema: {…}`, `inputSchema: z.object(…)`, `inputSchema: zodToJsonSchema(X)`, `inputSchema: Schema,`. */
export const LOW_LEVEL_MARKER =
  /List(?:Tools|Prompts|Resources)RequestSchema|["']?inputSchema["']?\s*:\s*(?:\{|[\w$]+\.object\s*\(|(?:zodToJsonSchema|toJSONSchema|toJsonSchema)\s*\(|[\w$.]+\s*[,}\n])|\breadOnlyHint\s*:/;
/** The SDK's McpServer implementation (bundled copies included) defines, not registers. */
export const SDK_IMPLEMENTATION = /_registeredTools/;

export function mayDeclareSurface(text: string): boolean {
  return (
    CALL_MARKER.test(text) ||
    (LOW_LEVEL_MARKER.test(text) && !SDK_IMPLEMENTATION.test(text)) ||
    // Tools keyed by name with their own handlers: `{ list_tables: tool({ parameters, execute }) }`.
    KEYED_TOOL.test(text) ||
    // Registrations whose name is computed (a loop over a table) in a file that uses the SDK.
    (DYNAMIC_CALL_MARKER.test(text) && SDK_USE.test(text) && !SDK_IMPLEMENTATION.test(text)) ||
    // An elicitation asked from a helper module that holds no registration (`mcp.server.elicitInput(…)`).
    (ELICIT_MARKER.test(text) && !SDK_IMPLEMENTATION.test(text))
  );
}

/**
 * A schema and a handler in one object literal (`parameters: …, execute: async …`), or a handler beside a
 * spread schema (`tool({ ...SCHEMAS.x, execute })`). Near each other: large bundles mention both words apart.
 */
export const KEYED_TOOL =
  /["']?(?:parameters|inputSchema|input_schema)["']?\s*:[\s\S]{0,300}?\b(?:execute|handler)\s*:\s*(?:async\b|function\b|\(|[\w$]+\s*=>)|\(\{\s*\.\.\.[\w$.]+\s*,[^{}]{0,200}?\bexecute\s*:/;
export const ELICIT_MARKER = /\.(?:elicitInput|requestElicitation)\s*\(/;
export const DYNAMIC_CALL_MARKER = /\.(?:tool|registerTool|prompt|registerPrompt)\s*\(/;
export const SDK_USE = /@modelcontextprotocol\/sdk|\bMcpServer\b/;

export const TOOL_CALLS = new Set(["tool", "registerTool", "registerToolTask"]);
export const PROMPT_CALLS = new Set(["prompt", "registerPrompt"]);
export const RESOURCE_CALLS = new Set(["resource", "registerResource"]);
export const ANNOTATION_KEYS = new Set([
  "title",
  "readOnlyHint",
  "destructiveHint",
  "idempotentHint",
  "openWorldHint",
]);
export const SCHEMA_KEYS = [
  "inputSchema",
  "input_schema",
  "parameters",
  "paramsSchema",
  "schema",
  "argsSchema",
];

/** The SDK's method of each request schema a server handles. */
export const REQUEST_METHODS: Record<string, string> = {
  "tools/call": "CallToolRequestSchema",
  "tools/list": "ListToolsRequestSchema",
  "prompts/list": "ListPromptsRequestSchema",
  "resources/list": "ListResourcesRequestSchema",
};

/** The SDK's elicitation request (`server.elicitInput({ message, requestedSchema })`) and common wrappers. */
export const ELICIT_CALLS = new Set(["elicitInput", "elicit", "requestElicitation"]);

/** Keys a tool object's handler function is kept under. */
export const HANDLER_KEY = /^(?:handler|handle|execute|run|callback|cb|call)$/;
