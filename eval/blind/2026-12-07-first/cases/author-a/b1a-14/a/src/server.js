#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { DaylogClient } from "./client.js";

const client = new DaylogClient(process.env.DAYLOG_TOKEN);
const defaultTeam = process.env.DAYLOG_TEAM;

const server = new McpServer({ name: "daylog", version: "0.12.0" });

const team = z.string().optional().describe("Team slug; defaults to DAYLOG_TEAM");
const pickTeam = (t) => {
  const v = t ?? defaultTeam;
  if (!v) throw new Error("No team given and DAYLOG_TEAM is not set");
  return v;
};

server.tool(
  "post_standup",
  "Post a standup update (yesterday / today / blockers) to a Daylog team.",
  {
    team,
    yesterday: z.string(),
    today: z.string(),
    blockers: z.string().default(""),
  },
  async ({ team, yesterday, today, blockers }) => {
    const u = await client.postUpdate(pickTeam(team), { yesterday, today, blockers });
    return { content: [{ type: "text", text: `Posted update ${u.id} at ${u.created_at}` }] };
  }
);

server.tool(
  "read_feed",
  "Read the latest standup updates of a team.",
  { team, since: z.string().optional().describe("ISO date") },
  async ({ team, since }) => {
    const items = await client.feed(pickTeam(team), since);
    const text = items
      .map((u) => `${u.author.name} (${u.created_at.slice(0, 10)})\n  y: ${u.yesterday}\n  t: ${u.today}${u.blockers ? `\n  blockers: ${u.blockers}` : ""}`)
      .join("\n\n");
    return { content: [{ type: "text", text: text || "No updates." }] };
  }
);

server.tool("list_teams", "List the Daylog teams you belong to.", {}, async () => {
  const teams = await client.teams();
  return { content: [{ type: "text", text: teams.map((t) => `${t.slug}  ${t.name}`).join("\n") }] };
});

await server.connect(new StdioServerTransport());
