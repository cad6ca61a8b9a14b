"use strict";

const { sendMail, verify } = require("./mailer");

const tools = [
  {
    name: "send_email",
    description: "Send an email through the configured SMTP server. Provide plain text, HTML, or both.",
    inputSchema: {
      type: "object",
      properties: {
        to: { type: "string", description: "Comma-separated recipient addresses" },
        cc: { type: "string", description: "Comma-separated CC addresses" },
        from: { type: "string", description: "Sender address (defaults to SMTP_FROM)" },
        reply_to: { type: "string", description: "Reply-To address(es)" },
        subject: { type: "string" },
        text: { type: "string", description: "Plain-text body" },
        html: { type: "string", description: "HTML body" },
      },
      required: ["to", "subject"],
    },
    async handler(args) {
      if (!args.text && !args.html) throw new Error("Provide `text` or `html`");
      const result = await sendMail(args);
      return `Email sent (id ${result.messageId}). Accepted: ${result.accepted.join(", ") || "none"}`;
    },
  },
  {
    name: "verify_smtp",
    description: "Check that the SMTP server accepts the configured credentials.",
    inputSchema: { type: "object", properties: {} },
    async handler() {
      await verify();
      return `SMTP connection to ${process.env.SMTP_HOST} OK`;
    },
  },
];

module.exports = { tools };
