"use strict";
const { readClipboard } = require("./clipboard");

class ClipboardHistory {
  constructor({ max = 100, intervalMs = 1500 } = {}) {
    this.max = max;
    this.intervalMs = intervalMs;
    this.items = [];
    this.timer = null;
    this.last = null;
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll().catch(() => {}), this.intervalMs);
    this.timer.unref();
    return this.poll();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async poll() {
    const text = await readClipboard();
    if (text == null || text === this.last || !text.trim()) return;
    this.last = text;
    this.items.unshift({ text, at: new Date().toISOString() });
    if (this.items.length > this.max) this.items.length = this.max;
  }

  list(limit = 10, contains) {
    const q = contains ? contains.toLowerCase() : null;
    return this.items.filter((i) => !q || i.text.toLowerCase().includes(q)).slice(0, limit);
  }

  clear() {
    this.items = [];
  }
}

module.exports = { ClipboardHistory };
