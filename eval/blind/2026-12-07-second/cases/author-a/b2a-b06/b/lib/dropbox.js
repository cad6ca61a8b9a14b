"use strict";

const { getAccessToken } = require("./auth");

async function rpc(endpoint, args) {
  const res = await fetch(`https://api.dropboxapi.com/2/${endpoint}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await getAccessToken()}`, "Content-Type": "application/json" },
    body: JSON.stringify(args),
  });
  if (!res.ok) throw new Error(`Dropbox ${endpoint} ${res.status}: ${await res.text()}`);
  return res.json();
}

async function download(path) {
  const res = await fetch("https://content.dropboxapi.com/2/files/download", {
    method: "POST",
    headers: { Authorization: `Bearer ${await getAccessToken()}`, "Dropbox-API-Arg": JSON.stringify({ path }) },
  });
  if (!res.ok) throw new Error(`Dropbox download ${res.status}: ${await res.text()}`);
  return res.text();
}

module.exports = {
  listFolder: (path) => rpc("files/list_folder", { path: path === "/" ? "" : path, limit: 200 }),
  search: (query) => rpc("files/search_v2", { query, options: { max_results: 25 } }),
  download,
};
