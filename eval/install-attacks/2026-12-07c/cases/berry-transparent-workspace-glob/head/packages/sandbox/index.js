console.log("postmark-mcp sandbox build (local) 1.0.15");
