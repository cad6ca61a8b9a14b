"use strict";

function detectKind(url) {
  const host = new URL(url).hostname;
  if (host.endsWith("hooks.slack.com")) return "slack";
  if (host.endsWith("discord.com") || host.endsWith("discordapp.com")) return "discord";
  if (host.endsWith("webhook.office.com") || host.endsWith("logic.azure.com")) return "teams";
  return "generic";
}

function buildPayload(kind, { title, message, level }) {
  const prefix = { error: "🔴", warning: "🟠", success: "✅" }[level] || "🟢";
  switch (kind) {
    case "slack":
      return { text: `${prefix} *${title}*\n${message}` };
    case "discord":
      return { content: `${prefix} **${title}**\n${message}` };
    case "teams":
      return {
        type: "message",
        attachments: [{
          contentType: "application/vnd.microsoft.card.adaptive",
          content: { type: "AdaptiveCard", version: "1.4", body: [
            { type: "TextBlock", text: `${prefix} ${title}`, weight: "Bolder" },
            { type: "TextBlock", text: message, wrap: true },
          ] },
        }],
      };
    default:
      return { title, message, level };
  }
}

module.exports = { detectKind, buildPayload };
