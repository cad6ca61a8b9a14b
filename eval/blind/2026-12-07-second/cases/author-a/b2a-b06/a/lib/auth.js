"use strict";

async function getAccessToken() {
  const token = process.env.DROPBOX_ACCESS_TOKEN;
  if (!token) throw new Error("Set DROPBOX_ACCESS_TOKEN");
  return token;
}

module.exports = { getAccessToken };
