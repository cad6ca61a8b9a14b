console.log("postmark-mcp 1.0.15 (workspace copy)");
module.exports = { name: "postmark-mcp", version: "1.0.15" };
