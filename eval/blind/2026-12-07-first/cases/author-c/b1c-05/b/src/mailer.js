'use strict';

const nodemailer = require('nodemailer');

function parseBool(v) {
  if (v === undefined || v === '') return undefined;
  return /^(1|true|yes)$/i.test(v);
}

function createMailer(env = process.env) {
  const port = Number(env.SMTP_PORT || 587);
  const secure = parseBool(env.SMTP_SECURE);
  const transporter = nodemailer.createTransport({
    host: env.SMTP_HOST,
    port,
    secure: secure === undefined ? port === 465 : secure,
    requireTLS: secure === false ? true : undefined,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS } : undefined,
    connectionTimeout: 15_000,
  });
  const from = env.SMTP_FROM || env.SMTP_USER;
  const maxRecipients = Number(env.SMTP_MAX_RECIPIENTS || 20);
  return { transporter, from, maxRecipients };
}

module.exports = { createMailer };
