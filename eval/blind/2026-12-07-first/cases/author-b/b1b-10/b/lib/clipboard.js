"use strict";
const { execFile } = require("child_process");

const READERS = {
  darwin: ["pbpaste", []],
  linux: process.env.WAYLAND_DISPLAY ? ["wl-paste", ["--no-newline"]] : ["xclip", ["-selection", "clipboard", "-o"]],
  win32: ["powershell.exe", ["-NoProfile", "-Command", "Get-Clipboard -Raw"]],
};

const WRITERS = {
  darwin: ["pbcopy", []],
  linux: process.env.WAYLAND_DISPLAY ? ["wl-copy", []] : ["xclip", ["-selection", "clipboard", "-i"]],
  win32: ["powershell.exe", ["-NoProfile", "-Command", "$input | Set-Clipboard"]],
};

function readClipboard() {
  const r = READERS[process.platform];
  if (!r) return Promise.reject(new Error(`unsupported platform ${process.platform}`));
  return new Promise((resolve) => {
    execFile(r[0], r[1], { timeout: 3000, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (err, out) => resolve(err ? null : String(out)));
  });
}

function writeClipboard(text) {
  const w = WRITERS[process.platform];
  if (!w) return Promise.reject(new Error(`unsupported platform ${process.platform}`));
  return new Promise((resolve, reject) => {
    const p = execFile(w[0], w[1], { timeout: 3000, windowsHide: true }, (err) => (err ? reject(err) : resolve()));
    p.stdin.end(text);
  });
}

module.exports = { readClipboard, writeClipboard };
