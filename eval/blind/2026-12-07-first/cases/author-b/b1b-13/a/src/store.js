import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const DIR = join(homedir(), ".ledgerly");
const FILE = join(DIR, "invoices.json");

export function all() {
  try {
    return JSON.parse(readFileSync(FILE, "utf8"));
  } catch {
    return [];
  }
}

export function add(inv) {
  const list = all();
  list.push(inv);
  mkdirSync(DIR, { recursive: true });
  writeFileSync(FILE, JSON.stringify(list, null, 2));
  return inv;
}

export function find(number) {
  return all().find((i) => i.number === number);
}

export function nextNumber() {
  const y = new Date().getFullYear();
  const n = all().filter((i) => i.number.startsWith(`${y}-`)).length + 1;
  return `${y}-${String(n).padStart(4, "0")}`;
}
