"use strict";

const { WebClient } = require("@slack/web-api");

function createSlack(token) {
  const web = new WebClient(token, { retryConfig: { retries: 2 } });
  const users = new Map();

  async function userName(id) {
    if (!id) return "unknown";
    if (!users.has(id)) {
      try {
        const { user } = await web.users.info({ user: id });
        users.set(id, user.profile.display_name || user.real_name || user.name);
      } catch {
        users.set(id, id);
      }
    }
    return users.get(id);
  }

  async function render(messages) {
    const out = [];
    for (const m of messages) {
      out.push(`[${new Date(Number(m.ts) * 1000).toISOString()}] ${await userName(m.user)}: ${m.text}${m.reply_count ? ` (${m.reply_count} replies, ts=${m.ts})` : ""}`);
    }
    return out.join("\n");
  }

  return {
    async channels(limit) {
      const r = await web.conversations.list({ limit, exclude_archived: true, types: "public_channel,private_channel" });
      return r.channels.map((c) => `${c.id}\t#${c.name}\t${c.num_members ?? "?"} members`).join("\n");
    },
    async history(channel, limit) {
      const r = await web.conversations.history({ channel, limit });
      return render(r.messages.reverse());
    },
    async thread(channel, ts) {
      const r = await web.conversations.replies({ channel, ts });
      return render(r.messages);
    },
    async post(channel, text, thread_ts) {
      const r = await web.chat.postMessage({ channel, text, thread_ts, unfurl_links: false });
      return `posted ts=${r.ts} in ${r.channel}`;
    },
    async search(query, count) {
      const r = await web.search.messages({ query, count });
      return r.messages.matches.map((m) => `#${m.channel.name} ${m.username}: ${m.text}`).join("\n");
    },
  };
}

module.exports = { createSlack };
