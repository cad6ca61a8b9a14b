"use strict";

const nodemailer = require("nodemailer");
const defaults = require("../config/defaults.json");

let transporter;

function getTransport() {
  if (transporter) return transporter;
  const host = process.env.SMTP_HOST;
  if (!host) throw new Error("SMTP_HOST is not configured");
  transporter = nodemailer.createTransport({
    ...defaults.smtp,
    host,
    port: Number(process.env.SMTP_PORT || defaults.smtp.port),
    secure: process.env.SMTP_SECURE === "true" || defaults.smtp.secure,
    auth: process.env.SMTP_USER
      ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS }
      : undefined,
  });
  return transporter;
}

function asList(v) {
  if (!v) return [];
  return (Array.isArray(v) ? v : String(v).split(","))
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkLimits(msg) {
  const n = asList(msg.to).length + asList(msg.cc).length;
  if (n === 0) throw new Error("At least one recipient is required");
  if (n > defaults.limits.maxRecipients) {
    throw new Error(`Too many recipients (${n} > ${defaults.limits.maxRecipients})`);
  }
  const size = Buffer.byteLength(msg.text || "") + Buffer.byteLength(msg.html || "");
  if (size > defaults.limits.maxBodyBytes) throw new Error("Message body too large");
}

async function send(msg) {
  checkLimits(msg);
  const info = await getTransport().sendMail({
    from: msg.from || process.env.MAIL_FROM || process.env.SMTP_USER,
    to: asList(msg.to),
    cc: asList(msg.cc),
    replyTo: msg.replyTo,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
  });
  return { messageId: info.messageId, accepted: info.accepted, rejected: info.rejected };
}

async function verify() {
  await getTransport().verify();
  return { ok: true, host: process.env.SMTP_HOST };
}

function render(template, vars) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k) => (vars[k] !== undefined ? String(vars[k]) : ""));
}

module.exports = { send, verify, render, templates: defaults.templates };
