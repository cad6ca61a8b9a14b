/**
 * The JSON Schema of .github/mcp-guard.yml: the one source of truth. The validator uses it and
 * `npm run docs` writes it to schema/mcp-guard.schema.json for editors; a test keeps them equal.
 */
import { RULES } from "../rules/index.js";

export const CONFIG_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "mcp-guard configuration (.github/mcp-guard.yml)",
  type: "object",
  additionalProperties: false,
  properties: {
    reviewers: {
      type: "object",
      additionalProperties: false,
      description:
        "Who may approve a guarded change. Without reviewers, anyone with admin permission on the repository may.",
      properties: {
        users: {
          type: "array",
          items: {
            type: "string",
            pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$",
          },
          description: "GitHub logins.",
        },
        teams: {
          type: "array",
          items: {
            type: "string",
            pattern: "^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+$",
          },
          description: "org/team-slug; active members count.",
        },
      },
    },
    required_approvals: {
      type: "integer",
      minimum: 1,
      maximum: 10,
      default: 1,
    },
    packages: {
      type: "object",
      additionalProperties: false,
      properties: {
        detect_mcp: {
          type: "boolean",
          default: true,
          description:
            "Guard packages whose manifest has mcpName, depends on @modelcontextprotocol/sdk, or has the keyword mcp/modelcontextprotocol.",
        },
        include: {
          type: "array",
          items: {
            type: "string",
            minLength: 1,
          },
          description: "Globs of package names always guarded.",
        },
        exclude: {
          type: "array",
          items: {
            type: "string",
            minLength: 1,
          },
          description: "Globs of package names never guarded (wins over include).",
        },
        all: {
          type: "boolean",
          default: false,
          description: "Guard every npm dependency change.",
        },
      },
    },
    require_approval_from: {
      enum: ["none", "low", "medium", "high", "critical"],
      default: "none",
      description: "The lowest risk that needs approval; none = every guarded change.",
    },
    allow_approval_of_incomplete: {
      type: "boolean",
      default: false,
      description: "Let an approval pass an analysis that could not be completed.",
    },
    rules: {
      type: "object",
      propertyNames: {
        enum: RULES.map((r) => r.id),
      },
      additionalProperties: {
        oneOf: [
          {
            const: "off",
            description: "Turn the rule off.",
          },
          {
            const: false,
            description: "Turn the rule off.",
          },
          {
            type: "object",
            additionalProperties: false,
            properties: {
              severity: {
                enum: ["low", "medium", "high", "critical"],
                description: "Replaces the rule's severity for every finding.",
              },
              allow_domains: {
                type: "array",
                items: {
                  type: "string",
                  minLength: 1,
                },
                description: "new-endpoint: hosts (and their subdomains) that never make a finding.",
              },
              hours: {
                type: "integer",
                minimum: 0,
                description: "release-too-young: hold period in hours.",
              },
            },
          },
        ],
      },
    },
    registry: {
      type: "string",
      pattern: "^https?://",
      description: "npm registry URL.",
    },
    min_release_age: {
      type: "string",
      pattern: "^(0|[0-9]+(\\.[0-9]+)?[mhdw])$",
      description:
        "Hold versions younger than this (90m, 72h, 3d, 1w; 0: no hold). Default: the repository's own cooldown (pnpm minimumReleaseAge, .npmrc min-release-age, yarn npmMinimalAgeGate, bun minimumReleaseAge, Dependabot cooldown), else none.",
    },
    advisories: {
      enum: ["required", "best-effort"],
      default: "required",
      description:
        "Malware intelligence (OSV) that cannot be asked: required makes the analysis incomplete (the check fails); best-effort notes it and goes on.",
    },
  },
} as const;
