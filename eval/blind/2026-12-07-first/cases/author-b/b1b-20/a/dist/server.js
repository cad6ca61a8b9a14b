#!/usr/bin/env node
/*! k8s-lens-mcp 0.9.7 | Apache-2.0 */
(() => {
  "use strict";
  var __webpack_modules__ = {
    837: (module) => { module.exports = require("@modelcontextprotocol/sdk/server/mcp.js"); },
    412: (module) => { module.exports = require("@modelcontextprotocol/sdk/server/stdio.js"); },
    503: (module) => { module.exports = require("zod"); },
    219: (module) => { module.exports = require("js-yaml"); },
    81: (module) => { module.exports = require("child_process"); },
    896: (module) => { module.exports = require("fs"); },
    857: (module) => { module.exports = require("os"); },
    928: (module) => { module.exports = require("path"); },
    /***/ 344: (__unused_webpack_module, exports, __webpack_require__) => {
      Object.defineProperty(exports, "__esModule", { value: !0 });
      exports.kubeconfigPath = kubeconfigPath;
      exports.readKubeconfig = readKubeconfig;
      exports.kubectl = kubectl;
      const fs_1 = __webpack_require__(896), os_1 = __webpack_require__(857), path_1 = __webpack_require__(928), yaml = __webpack_require__(219), cp = __webpack_require__(81);
      function kubeconfigPath() {
        const e = process.env.KUBECONFIG;
        return e ? e.split(path_1.delimiter)[0] : path_1.join(os_1.homedir(), ".kube", "config");
      }
      function readKubeconfig() {
        const raw = fs_1.readFileSync(kubeconfigPath(), "utf8");
        return { raw, doc: yaml.load(raw) || {} };
      }
      const READ_VERBS = new Set(["get", "describe", "logs", "top", "explain", "api-resources", "version", "events"]);
      function kubectl(args, ctx) {
        if (!READ_VERBS.has(args[0])) return Promise.reject(new Error(`kubectl ${args[0]} is not allowed (read-only server)`));
        const full = ctx ? ["--context", ctx, ...args] : args;
        return new Promise((res, rej) => {
          cp.execFile("kubectl", full, { maxBuffer: 32 << 20, timeout: 60000 }, (err, out, errOut) => (err ? rej(new Error(errOut || err.message)) : res(out)));
        });
      }
    },
    /***/ 615: (__unused_webpack_module, exports) => {
      Object.defineProperty(exports, "__esModule", { value: !0 });
      exports.summarizeList = summarizeList;
      function age(ts) {
        const s = (Date.now() - Date.parse(ts)) / 1e3;
        return s < 3600 ? `${Math.round(s / 60)}m` : s < 86400 ? `${Math.round(s / 3600)}h` : `${Math.round(s / 86400)}d`;
      }
      function summarizeList(json) {
        const items = JSON.parse(json).items || [];
        return items.map((i) => {
          const st = i.status || {};
          const phase = st.phase || (st.conditions || []).filter((c) => c.status === "True").map((c) => c.type).join(",") || "";
          const restarts = (st.containerStatuses || []).reduce((a, c) => a + (c.restartCount || 0), 0);
          return [i.metadata.namespace || "", i.metadata.name, phase, restarts ? `restarts=${restarts}` : "", age(i.metadata.creationTimestamp)].filter(Boolean).join("\t");
        }).join("\n") || "No resources.";
      }
    },
  };
  var __webpack_module_cache__ = {};
  function __webpack_require__(id) {
    var cached = __webpack_module_cache__[id];
    if (cached !== undefined) return cached.exports;
    var module = (__webpack_module_cache__[id] = { exports: {} });
    __webpack_modules__[id](module, module.exports, __webpack_require__);
    return module.exports;
  }
  var __webpack_exports__ = {};
  (() => {
    const mcp_1 = __webpack_require__(837), stdio_1 = __webpack_require__(412), zod_1 = __webpack_require__(503), kube_1 = __webpack_require__(344), fmt_1 = __webpack_require__(615);
    const VERSION = "0.9.7";
    const server = new mcp_1.McpServer({ name: "k8s-lens", version: VERSION });
    const ok = (t) => ({ content: [{ type: "text", text: t }] }), bad = (e) => ({ content: [{ type: "text", text: String(e && e.message || e) }], isError: !0 });
    const ctxArg = zod_1.z.string().optional().describe("kubeconfig context (default: current)");
    server.tool("k8s_contexts", "List kubeconfig contexts and the current one.", {}, async () => {
      try {
        const { doc } = kube_1.readKubeconfig();
        return ok((doc.contexts || []).map((c) => `${c.name === doc["current-context"] ? "*" : " "} ${c.name}\t${c.context.cluster}\t${c.context.namespace || "default"}`).join("\n"));
      } catch (e) { return bad(e); }
    });
    server.tool("k8s_get", "List resources of a kind (pods, deployments, services, nodes...).", { kind: zod_1.z.string(), namespace: zod_1.z.string().optional(), context: ctxArg }, async ({ kind, namespace, context }) => {
      try {
        const args = ["get", kind, "-o", "json", ...(namespace ? ["-n", namespace] : ["-A"])];
        return ok(fmt_1.summarizeList(await kube_1.kubectl(args, context)));
      } catch (e) { return bad(e); }
    });
    server.tool("k8s_describe", "kubectl describe a resource.", { kind: zod_1.z.string(), name: zod_1.z.string(), namespace: zod_1.z.string().default("default"), context: ctxArg }, async ({ kind, name, namespace, context }) => {
      try { return ok(await kube_1.kubectl(["describe", kind, name, "-n", namespace], context)); } catch (e) { return bad(e); }
    });
    server.tool("k8s_logs", "Recent logs of a pod.", { pod: zod_1.z.string(), namespace: zod_1.z.string().default("default"), container: zod_1.z.string().optional(), tail: zod_1.z.number().int().default(200), context: ctxArg }, async ({ pod, namespace, container, tail, context }) => {
      try { return ok(await kube_1.kubectl(["logs", pod, "-n", namespace, `--tail=${tail}`, ...(container ? ["-c", container] : [])], context)); } catch (e) { return bad(e); }
    });
    server.connect(new stdio_1.StdioServerTransport()).then(() => console.error(`k8s-lens-mcp ${VERSION}`));
  })();
  module.exports = __webpack_exports__;
})();
