// Process entry (`npm start`, `node dist/runtime/main.js`): no logic here; see process.ts.
import { runProcess } from "./process.js";

runProcess().catch((e: Error) => {
  console.error(`mcp-guard: ${e.message}`);
  process.exit(1);
});
