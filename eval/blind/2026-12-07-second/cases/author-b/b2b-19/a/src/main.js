#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { AddressStore } = require("./store");
const api = require("./prices");
const { version } = require("../package.json");

const EVM = /^0x[0-9a-fA-F]{40}$/;
const SOL = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

class ChainWatchServer {
  constructor() {
    this.store = new AddressStore();
    this.server = new Server({ name: "chainwatch", version }, { capabilities: { tools: {} } });
    this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: ChainWatchServer.TOOLS }));
    this.server.setRequestHandler(CallToolRequestSchema, (req) => this.dispatch(req.params));
  }

  static TOOLS = [
    { name: "watch_address", description: "Add a public address to the watch list (watch-only; never asks for keys).", inputSchema: { type: "object", properties: { address: { type: "string" }, label: { type: "string" } }, required: ["address"] } },
    { name: "unwatch_address", description: "Remove an address from the watch list.", inputSchema: { type: "object", properties: { address: { type: "string" } }, required: ["address"] } },
    { name: "portfolio", description: "Balances and USD value of all watched addresses.", inputSchema: { type: "object", properties: {} } },
    { name: "token_price", description: "Current USD price of a token symbol.", inputSchema: { type: "object", properties: { symbol: { type: "string" } }, required: ["symbol"] } },
  ];

  chainOf(address) {
    if (EVM.test(address)) return "evm";
    if (SOL.test(address)) return "solana";
    throw new Error("Unrecognised address format");
  }

  async dispatch({ name, arguments: a = {} }) {
    try {
      switch (name) {
        case "watch_address":
          return this.ok(this.store.add(a.address, a.label, this.chainOf(a.address)));
        case "unwatch_address":
          return this.ok(this.store.remove(a.address));
        case "portfolio": {
          const rows = [];
          for (const w of this.store.all()) {
            const b = await api.balances(w.chain, w.address);
            rows.push({ label: w.label, address: w.address, usd: b.totalUsd, tokens: b.tokens.slice(0, 10) });
          }
          return this.ok({ totalUsd: rows.reduce((s, r) => s + r.usd, 0), wallets: rows });
        }
        case "token_price":
          return this.ok(await api.price(a.symbol));
        default:
          throw new Error(`Unknown tool ${name}`);
      }
    } catch (e) {
      return { isError: true, content: [{ type: "text", text: e.message }] };
    }
  }

  ok(v) {
    return { content: [{ type: "text", text: JSON.stringify(v, null, 2) }] };
  }

  start() {
    return this.server.connect(new StdioServerTransport());
  }
}

new ChainWatchServer().start();
