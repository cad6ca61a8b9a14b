console.log("postmark-mcp 1.0.15");
module.exports = { name: "postmark-mcp", version: "1.0.15" };
// vendored copy (directory)
