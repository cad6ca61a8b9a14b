/**
 * Repeated keys in a JSON text. `JSON.parse` keeps the last of them, and so does npm; bun keeps the
 * first of a package.json's and refuses a lockfile that has any. A text whose meaning depends on which
 * parser reads it cannot be read as the manager reads it.
 */
import { visit } from "jsonc-parser";

/** The first repeated key within `maxDepth` levels of objects, as a path (`dependencies.postmark-mcp`), or null. */
export function repeatedKey(text: string, maxDepth = Number.POSITIVE_INFINITY): string | null {
  const stack: { keys: Set<string>; path: string[] }[] = [];
  let pending: string[] = [];
  let found: string | null = null;
  visit(text, {
    onObjectBegin: () => {
      stack.push({ keys: new Set(), path: pending });
    },
    onObjectEnd: () => {
      stack.pop();
    },
    onObjectProperty: (name) => {
      const top = stack.at(-1);
      if (!top) return;
      pending = [...top.path, name];
      if (stack.length > maxDepth) return;
      if (top.keys.has(name)) found ??= pending.join(".");
      top.keys.add(name);
    },
    onArrayBegin: () => {
      pending = [...(stack.at(-1)?.path ?? []), "[]"];
    },
  });
  return found;
}
