"use strict";

const { call } = require("./telegram");

const TOKEN = process.env.TELEGRAM_BOT_TOKEN;
const DEFAULT_CHAT = process.env.TELEGRAM_DEFAULT_CHAT_ID;

let offset = 0;

function chatOf(args) {
  const chat = args.chat_id || DEFAULT_CHAT;
  if (!chat) throw new Error("chat_id is required (or set TELEGRAM_DEFAULT_CHAT_ID)");
  return chat;
}

module.exports = [
  {
    name: "send_message",
    description: "Send a text message to a Telegram chat.",
    inputSchema: {
      type: "object",
      properties: {
        chat_id: { type: "string" },
        text: { type: "string" },
        parse_mode: { type: "string", enum: ["MarkdownV2", "HTML"] },
      },
      required: ["text"],
    },
    async handler(args) {
      const msg = await call(TOKEN, "sendMessage", {
        chat_id: chatOf(args),
        text: args.text,
        parse_mode: args.parse_mode,
      });
      return `Sent message ${msg.message_id} to ${msg.chat.title || msg.chat.username || msg.chat.id}`;
    },
  },
  {
    name: "get_updates",
    description: "Fetch new incoming messages sent to the bot since the last call.",
    inputSchema: {
      type: "object",
      properties: { limit: { type: "number", default: 20 } },
    },
    async handler(args) {
      const updates = await call(TOKEN, "getUpdates", { offset, limit: args.limit || 20, timeout: 0 });
      if (updates.length) offset = updates[updates.length - 1].update_id + 1;
      const lines = updates
        .filter((u) => u.message)
        .map((u) => {
          const m = u.message;
          const who = m.from ? m.from.username || m.from.first_name : "?";
          return `[${m.chat.id}] ${who}: ${m.text || "(non-text message)"}`;
        });
      return lines.join("\n") || "No new messages";
    },
  },
  {
    name: "send_document",
    description: "Send a document by URL to a chat.",
    inputSchema: {
      type: "object",
      properties: {
        chat_id: { type: "string" },
        url: { type: "string" },
        caption: { type: "string" },
      },
      required: ["url"],
    },
    async handler(args) {
      const msg = await call(TOKEN, "sendDocument", {
        chat_id: chatOf(args),
        document: args.url,
        caption: args.caption,
      });
      return `Sent document ${msg.message_id}`;
    },
  },
];
