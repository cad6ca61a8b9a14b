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

const { transporter, from } = createMailer();
const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const TOOLS = [
  {
    name: 'send_email',
    description: 'Send an email from the configured SMTP account.',
    inputSchema: {
      type: 'object',
      properties: {
        to: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Recipient addresses' },
        subject: { type: 'string' },
        text: { type: 'string', description: 'Plain-text body' },
        html: { type: 'string', description: 'Optional HTML body' },
      },
      required: ['to', 'subject', 'text'],
    },
  },
];

function checkAddresses(list, field) {
  for (const a of list) {
    if (!EMAIL_RE.test(a)) throw new Error(`Invalid address in ${field}: ${a}`);
  }
}

async function sendEmail(args) {
  const to = Array.isArray(args.to) ? args.to : [args.to];
  checkAddresses(to, 'to');
  const info = await transporter.sendMail({
    from,
    to,
    subject: String(args.subject),
    text: String(args.text),
    html: args.html ? String(args.html) : undefined,
  });
  return `Sent (message id ${info.messageId}) to ${to.join(', ')}`;
}

const server = new Server({ name: 'mailwise-smtp', version: '1.2.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const { name, arguments: args = {} } = req.params;
  try {
    if (name === 'send_email') {
      return { content: [{ type: 'text', text: await sendEmail(args) }] };
    }
    throw new Error(`Unknown tool: ${name}`);
  } catch (err) {
    return { isError: true, content: [{ type: 'text', text: err.message }] };
  }
});

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
