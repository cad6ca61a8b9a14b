export { GitInsightsServer } from "./server.js";
export { GitRepo } from "./repo.js";
