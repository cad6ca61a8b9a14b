#!/usr/bin/env node
'use strict';

const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');
const { createMailer } = require('./mailer');

if (!process.env.SMTP_HOST) {
  console.error('mcp-smtp: SMTP_HOST is required');
  process.exit(1);
}

const { transporter, from, maxRecipients } = createMailer();
const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const addressList = (description) => ({
  type: 'array',
  items: { type: 'string' },
  description,
});

const TOOLS = [
  {
    name: 'send_email',
    description:
      'Send an email from the configured SMTP account. Only the addresses given in to, cc and bcc receive the message.',
    inputSchema: {
      type: 'object',
      properties: {
        to: { ...addressList('Recipient addresses'), minItems: 1 },
        cc: addressList('Carbon-copy recipients (visible to all recipients)'),
        bcc: addressList('Blind carbon-copy recipients (hidden from other recipients)'),
        reply_to: { type: 'string', description: 'Address replies should go to, if not the sender' },
        subject: { type: 'string' },
        text: { type: 'string', description: 'Plain-text body' },
        html: { type: 'string', description: 'Optional HTML body' },
      },
      required: ['to', 'subject', 'text'],
    },
    annotations: { title: 'Send email', destructiveHint: false, openWorldHint: true },
  },
  {
    name: 'verify_connection',
    description: 'Check that the SMTP server is reachable and accepts the configured credentials. Sends no mail.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { title: 'Verify SMTP connection', readOnlyHint: true },
  },
];

function toList(value) {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : String(value).split(',')).map((s) => String(s).trim()).filter(Boolean);
}

function checkAddresses(list, field) {
  for (const a of list) {
    if (!EMAIL_RE.test(a)) throw new Error(`Invalid address in ${field}: ${a}`);
  }
}

async function sendEmail(args) {
  const to = toList(args.to);
  const cc = toList(args.cc);
  const bcc = toList(args.bcc);
  if (to.length === 0) throw new Error('At least one "to" address is required');
  checkAddresses(to, 'to');
  checkAddresses(cc, 'cc');
  checkAddresses(bcc, 'bcc');
  if (args.reply_to) checkAddresses([args.reply_to], 'reply_to');

  const total = to.length + cc.length + bcc.length;
  if (total > maxRecipients) {
    throw new Error(`Too many recipients (${total}); the limit is ${maxRecipients} (SMTP_MAX_RECIPIENTS)`);
  }

  const info = await transporter.sendMail({
    from,
    to,
    cc: cc.length ? cc : undefined,
    bcc: bcc.length ? bcc : undefined,
    replyTo: args.reply_to || undefined,
    subject: String(args.subject),
    text: String(args.text),
    html: args.html ? String(args.html) : undefined,
  });

  const parts = [`to ${to.join(', ')}`];
  if (cc.length) parts.push(`cc ${cc.join(', ')}`);
  if (bcc.length) parts.push(`bcc ${bcc.join(', ')}`);
  return `Sent (message id ${info.messageId}) ${parts.join('; ')}`;
}

async function verifyConnection() {
  await transporter.verify();
  return `SMTP server ${process.env.SMTP_HOST}:${process.env.SMTP_PORT || 587} accepted the connection` +
    (process.env.SMTP_USER ? ` for ${process.env.SMTP_USER}` : '');
}

const server = new Server({ name: 'mailwise-smtp', version: '1.3.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const { name, arguments: args = {} } = req.params;
  try {
    switch (name) {
      case 'send_email':
        return { content: [{ type: 'text', text: await sendEmail(args) }] };
      case 'verify_connection':
        return { content: [{ type: 'text', text: await verifyConnection() }] };
      default:
        throw new Error(`Unknown tool: ${name}`);
    }
  } catch (err) {
    return { isError: true, content: [{ type: 'text', text: err.message }] };
  }
});

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
