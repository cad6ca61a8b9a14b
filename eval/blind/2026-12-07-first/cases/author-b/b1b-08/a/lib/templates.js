"use strict";

const common = (name) => ({
  ".gitignore": "node_modules\ndist\ncoverage\n.env\n.DS_Store\n",
  ".editorconfig": "root = true\n\n[*]\nindent_style = space\nindent_size = 2\nend_of_line = lf\ninsert_final_newline = true\n",
  "README.md": `# ${name}\n\nGenerated with scaffold-kit.\n`,
  ".vscode/extensions.json": JSON.stringify({ recommendations: ["dbaeumer.vscode-eslint", "esbenp.prettier-vscode"] }, null, 2) + "\n",
});

const TEMPLATES = {
  "node-lib": {
    description: "TypeScript library with tsup, vitest and eslint",
    files: (name) => ({
      ...common(name),
      "package.json": JSON.stringify({
        name, version: "0.1.0", type: "module", main: "dist/index.js", types: "dist/index.d.ts",
        scripts: { build: "tsup src/index.ts --dts --format esm", test: "vitest run", lint: "eslint ." },
        devDependencies: { tsup: "^8.0.0", typescript: "^5.5.0", vitest: "^2.0.0", eslint: "^9.0.0" },
      }, null, 2) + "\n",
      "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", strict: true, declaration: true, outDir: "dist" }, include: ["src"] }, null, 2) + "\n",
      "src/index.ts": "export function hello(name: string): string {\n  return `Hello, ${name}!`;\n}\n",
      "src/index.test.ts": 'import { expect, test } from "vitest";\nimport { hello } from "./index";\n\ntest("hello", () => expect(hello("x")).toBe("Hello, x!"));\n',
    }),
  },
  "express-api": {
    description: "Express 5 JSON API with zod validation",
    files: (name) => ({
      ...common(name),
      "package.json": JSON.stringify({
        name, version: "0.1.0", type: "module",
        scripts: { dev: "node --watch src/server.js", start: "node src/server.js" },
        dependencies: { express: "^5.0.0", zod: "^3.23.0" },
      }, null, 2) + "\n",
      "src/server.js": 'import express from "express";\n\nconst app = express();\napp.use(express.json());\napp.get("/health", (_req, res) => res.json({ ok: true }));\napp.listen(process.env.PORT ?? 3000);\n',
    }),
  },
  "vite-react": {
    description: "Vite + React + TypeScript single page app",
    files: (name) => ({
      ...common(name),
      "package.json": JSON.stringify({
        name, version: "0.1.0", type: "module", private: true,
        scripts: { dev: "vite", build: "tsc -b && vite build", preview: "vite preview" },
        dependencies: { react: "^18.3.0", "react-dom": "^18.3.0" },
        devDependencies: { vite: "^5.4.0", "@vitejs/plugin-react": "^4.3.0", typescript: "^5.5.0" },
      }, null, 2) + "\n",
      "index.html": '<!doctype html>\n<html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
      "src/main.tsx": 'import { createRoot } from "react-dom/client";\n\ncreateRoot(document.getElementById("root")!).render(<h1>Hello</h1>);\n',
    }),
  },
};

module.exports = { TEMPLATES };
