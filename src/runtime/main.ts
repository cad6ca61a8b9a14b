// Process entry (`npm start`): no logic here; see server.ts.
import { startServer } from "./server.js";

startServer().catch((e: Error) => {
  console.error(`mcp-guard: ${e.message}`);
  process.exit(1);
});
