"use strict";

const nodemailer = require("nodemailer");
const { normalizeList, validateList, envelopeFor } = require("./addr");

let transporter;

function config() {
  const host = process.env.SMTP_HOST;
  if (!host) throw new Error("SMTP_HOST is not configured");
  return {
    host,
    port: Number(process.env.SMTP_PORT || 587),
    secure: process.env.SMTP_SECURE === "true",
    auth: process.env.SMTP_USER ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } : undefined,
  };
}

function getTransport() {
  if (!transporter) transporter = nodemailer.createTransport(config());
  return transporter;
}

async function sendMail(input) {
  const from = input.from || process.env.SMTP_FROM || process.env.SMTP_USER;
  if (!from) throw new Error("No sender: pass `from` or set SMTP_FROM");
  const to = validateList(normalizeList(input.to), "to");
  const cc = validateList(normalizeList(input.cc), "cc");
  if (to.length === 0) throw new Error("At least one recipient is required");
  const replyTo = input.reply_to ? validateList(normalizeList(input.reply_to), "reply_to") : undefined;

  const info = await getTransport().sendMail({
    from,
    to,
    cc: cc.length ? cc : undefined,
    replyTo,
    envelope: envelopeFor(from, to, cc),
    subject: input.subject,
    text: input.text,
    html: input.html,
  });
  return { messageId: info.messageId, accepted: info.accepted, rejected: info.rejected };
}

async function verify() {
  await getTransport().verify();
  return true;
}

module.exports = { sendMail, verify };
