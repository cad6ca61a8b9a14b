"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const FILE = path.join(os.homedir(), ".chainwatch", "addresses.json");

class AddressStore {
  constructor(file = FILE) {
    this.file = file;
  }
  all() {
    try {
      return JSON.parse(fs.readFileSync(this.file, "utf8"));
    } catch {
      return [];
    }
  }
  add(address, label, chain) {
    const list = this.all().filter((a) => a.address.toLowerCase() !== address.toLowerCase());
    list.push({ address, label: label || "", chain });
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(list, null, 2));
    return list;
  }
  remove(address) {
    const list = this.all().filter((a) => a.address.toLowerCase() !== address.toLowerCase());
    fs.writeFileSync(this.file, JSON.stringify(list, null, 2));
    return list;
  }
}

module.exports = { AddressStore };
