/**
 * String arrays, as obfuscators write them (javascript-obfuscator and its forks): every string of the
 * file moved into one array, the array rotated at load time until a checksum of parsed entries matches,
 * and each use replaced by a call of an accessor (`_0x4a96(0xb3)`), maybe through aliases and wrapper
 * functions, that subtracts an offset, picks the entry and decodes it (none, a base64 with its own
 * alphabet, or RC4 under a key the call passes).
 *
 * The model: find the array, the rotation and the accessor at the top level of the file; find the
 * rotation the code would settle on by computing its checksum for each candidate (pure arithmetic on
 * decoded entries, as the loop does, never running the file); then every call of the accessor, or of an
 * alias of it, evaluates to the decoded entry. What does not fit the shape is left alone (DYNAMIC).
 */
import type { ESTree } from "meriyah";
import { walk } from "../js/ast.js";
import { DYNAMIC, type StaticValue } from "./value.js";

type Decode = (args: StaticValue[]) => StaticValue;

/** Accessor calls by callee node: every identifier naming an accessor or an alias of it. */
const ACCESSORS = new WeakMap<ESTree.Node, Decode>();

/** A call of a string-array accessor: its decoded entry; undefined when the callee is not one. */
export function accessorCall(
  node: ESTree.CallExpression,
  next: (n: ESTree.Node) => StaticValue,
): StaticValue | undefined {
  const decode = ACCESSORS.get(node.callee as ESTree.Node);
  if (!decode) return undefined;
  return decode(node.arguments.map((a) => (a.type === "SpreadElement" ? DYNAMIC : next(a as ESTree.Node))));
}

/** Is this a call of a string-array accessor (its result is text the code hid)? */
export function isAccessorCall(node: ESTree.CallExpression): boolean {
  return ACCESSORS.has(node.callee as ESTree.Node);
}

/** Entries past this are not searched for a rotation (a checksum per candidate). */
const MAX_ENTRIES = 5000;

interface Accessor {
  name: string;
  fn: ESTree.Node;
  array: string;
  offset: number;
}

const stringsOf = (n: ESTree.Node | null | undefined): string[] | null =>
  n?.type === "ArrayExpression" &&
  n.elements.length >= 2 &&
  n.elements.every((e) => e?.type === "Literal" && typeof e.value === "string")
    ? n.elements.map((e) => (e as ESTree.Literal).value as string)
    : null;

/** Top-level arrays of strings: `var a = [...]`, or a getter `function g() { const a = [...]; … }`. */
function arraysOf(body: ESTree.Node[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const st of body) {
    if (st.type === "VariableDeclaration") {
      for (const d of st.declarations) {
        const xs = stringsOf(d.init as ESTree.Node);
        if (d.id.type === "Identifier" && xs) out.set(d.id.name, xs);
      }
    } else if (st.type === "FunctionDeclaration" && st.id && st.body) {
      for (const inner of st.body.body) {
        if (inner.type !== "VariableDeclaration") continue;
        const xs = stringsOf(inner.declarations[0]?.init as ESTree.Node);
        if (xs) out.set(st.id.name, xs);
      }
    }
  }
  return out;
}

/** `p = p - N`, `p -= N` (N may be negative or written `- -N`) on the first parameter. */
function offsetOf(fn: ESTree.FunctionDeclaration | ESTree.FunctionExpression): number | null {
  const p = fn.params[0];
  const first = fn.body?.body[0];
  if (p?.type !== "Identifier" || first?.type !== "ExpressionStatement") return null;
  const e = first.expression;
  if (e.type !== "AssignmentExpression" || e.left.type !== "Identifier" || e.left.name !== p.name)
    return null;
  const n = numberOf(e.operator === "-=" ? (e.right as ESTree.Node) : null);
  if (e.operator === "-=") return n;
  const r = e.right;
  if (r.type !== "BinaryExpression" || r.left.type !== "Identifier" || r.left.name !== p.name) return null;
  const k = numberOf(r.right as ESTree.Node);
  return k === null ? null : r.operator === "-" ? k : r.operator === "+" ? -k : null;
}

function numberOf(n: ESTree.Node | null): number | null {
  if (n?.type === "Literal" && typeof n.value === "number") return n.value;
  if (n?.type === "UnaryExpression" && n.operator === "-") {
    const v = numberOf(n.argument as ESTree.Node);
    return v === null ? null : -v;
  }
  return null;
}

/** Accessors: functions that shift their first parameter by an offset and read one of the arrays. */
function accessorsOf(body: ESTree.Node[], arrays: Map<string, string[]>): Accessor[] {
  const out: Accessor[] = [];
  const consider = (name: string, fn: ESTree.FunctionDeclaration | ESTree.FunctionExpression) => {
    const offset = offsetOf(fn);
    if (offset === null) return;
    let array: string | null = null;
    walk(fn.body, (n) => {
      if (!array && n.type === "Identifier" && arrays.has(n.name)) array = n.name;
      return undefined;
    });
    if (array) out.push({ name, fn, array, offset });
  };
  for (const st of body) {
    if (st.type === "FunctionDeclaration" && st.id) consider(st.id.name, st);
    else if (st.type === "VariableDeclaration")
      for (const d of st.declarations)
        if (d.id.type === "Identifier" && d.init?.type === "FunctionExpression") consider(d.id.name, d.init);
  }
  return out;
}

/** The decoding an accessor applies, read from its body: a 65-letter base64 alphabet, RC4's 256-entry state. */
function decoderOf(fn: ESTree.Node): (s: string, key: StaticValue) => string | null {
  let alphabet: string | null = null;
  let rc4 = false;
  walk(fn, (n) => {
    if (
      n.type === "Literal" &&
      typeof n.value === "string" &&
      n.value.length === 65 &&
      /^[A-Za-z0-9+/=]+$/.test(n.value)
    )
      alphabet = n.value;
    if (n.type === "Literal" && n.value === 256) rc4 = true;
    return undefined;
  });
  if (!alphabet) return (s) => s;
  const b64 = base64With(alphabet);
  return rc4 ? (s, key) => (typeof key === "string" && key ? rc4Decode(b64(s), key) : null) : b64;
}

/** The obfuscator's base64: its own alphabet, bytes read back as UTF-8 (via percent escapes). */
function base64With(alphabet: string): (s: string) => string {
  const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  const map = new Map([...alphabet].map((c, i) => [c, std[i]!]));
  return (s) => {
    const bytes = Buffer.from([...s].map((c) => map.get(c) ?? "").join(""), "base64");
    return decodeURIComponent([...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""));
  };
}

function rc4Decode(s: string, key: string): string {
  const state = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + state[i]! + key.charCodeAt(i % key.length)) % 256;
    [state[i], state[j]] = [state[j]!, state[i]!];
  }
  let i = 0;
  j = 0;
  let out = "";
  for (let k = 0; k < s.length; k++) {
    i = (i + 1) % 256;
    j = (j + state[i]!) % 256;
    [state[i], state[j]] = [state[j]!, state[i]!];
    out += String.fromCharCode(s.charCodeAt(k) ^ state[(state[i]! + state[j]!) % 256]!);
  }
  return out;
}

/** `(function (arr, target) { … push(…shift()) … })(array, N)` at the top level: its function and N. */
function rotationOf(
  body: ESTree.Node[],
  array: string,
): { fn: ESTree.FunctionExpression; target: number } | null {
  for (const st of body) {
    if (st.type !== "ExpressionStatement") continue;
    let e = st.expression as ESTree.Node;
    if (e.type === "UnaryExpression") e = e.argument as ESTree.Node;
    if (e.type !== "CallExpression" || e.callee.type !== "FunctionExpression") continue;
    const [arr, target] = e.arguments;
    const n = numberOf((target as ESTree.Node) ?? null);
    if (arr?.type === "Identifier" && arr.name === array && n !== null) return { fn: e.callee, target: n };
  }
  return null;
}

/** The checksum the rotation loop compares with its target: the declared value built from `parseInt`. */
function checksumOf(fn: ESTree.FunctionExpression): ESTree.Node | null {
  let found: ESTree.Node | null = null;
  walk(fn.body, (n) => {
    if (found || n.type !== "VariableDeclarator" || !n.init) return undefined;
    let calls = false;
    walk(n.init, (m) => {
      if (m.type === "CallExpression" && m.callee.type === "Identifier" && m.callee.name === "parseInt")
        calls = true;
      return undefined;
    });
    if (calls) found = n.init as ESTree.Node;
    return undefined;
  });
  return found;
}

/** A call by name: an accessor, an alias or a wrapper of one (null when the name is none of them). */
type Call = (name: string, args: StaticValue[]) => StaticValue | null;

/** Numbers and text, + - * / %, unary -, parameters: the arithmetic of checksums and wrapper arguments. */
function arith(n: ESTree.Node, bound: Map<string, StaticValue>, call: Call): StaticValue {
  switch (n.type) {
    case "Literal":
      return typeof n.value === "number" || typeof n.value === "string" ? n.value : DYNAMIC;
    case "Identifier":
      return bound.get(n.name) ?? DYNAMIC;
    case "UnaryExpression": {
      // `-'0x18b'`: index types written as hex strings are numbers after a sign, as in JavaScript.
      const v = toNumber(arith(n.argument as ESTree.Node, bound, call));
      return v === null ? DYNAMIC : n.operator === "-" ? -v : n.operator === "+" ? v : DYNAMIC;
    }
    case "BinaryExpression": {
      const lv = arith(n.left as ESTree.Node, bound, call);
      const rv = arith(n.right as ESTree.Node, bound, call);
      if (n.operator === "+" && (typeof lv === "string" || typeof rv === "string"))
        return typeof lv === "string" || typeof lv === "number"
          ? `${lv}${typeof rv === "symbol" ? "" : rv}`
          : DYNAMIC;
      const l = toNumber(lv);
      const r = toNumber(rv);
      if (l === null || r === null) return DYNAMIC;
      const ops: Record<string, number> = { "+": l + r, "-": l - r, "*": l * r, "/": l / r, "%": l % r };
      return ops[n.operator] ?? DYNAMIC;
    }
    case "CallExpression": {
      if (n.callee.type !== "Identifier") return DYNAMIC;
      const args = n.arguments.map((a) => arith(a as ESTree.Node, bound, call));
      if (n.callee.name === "parseInt")
        return typeof args[0] === "string" ? Number.parseInt(args[0], 10) : DYNAMIC;
      return call(n.callee.name, args) ?? DYNAMIC;
    }
    default:
      return DYNAMIC;
  }
}

/** JavaScript's ToNumber on a number or a text (`"0x1a5"` is 421); null for anything else. */
function toNumber(v: StaticValue): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string") return Number(v);
  return null;
}

/** `function w(a, b) { return f(b - -0x3cc, a); }` (or an arrow, or `const w = function…`): a wrapper. */
function wrapperOf(n: ESTree.Node): { name: string; params: string[]; target: ESTree.CallExpression } | null {
  let name: string | null = null;
  let fn: ESTree.Node | null = null;
  if (n.type === "FunctionDeclaration" && n.id) [name, fn] = [n.id.name, n];
  else if (n.type === "VariableDeclarator" && n.id.type === "Identifier" && n.init)
    [name, fn] = [n.id.name, n.init as ESTree.Node];
  if (
    !name ||
    !fn ||
    (fn.type !== "FunctionDeclaration" &&
      fn.type !== "FunctionExpression" &&
      fn.type !== "ArrowFunctionExpression")
  )
    return null;
  const body = fn.body as ESTree.Node;
  const ret =
    body.type === "BlockStatement" && body.body.length === 1 && body.body[0]!.type === "ReturnStatement"
      ? (body.body[0]!.argument as ESTree.Node | null)
      : body.type === "BlockStatement"
        ? null
        : body;
  if (ret?.type !== "CallExpression" || ret.callee.type !== "Identifier") return null;
  if (!fn.params.every((p) => p.type === "Identifier")) return null;
  return { name, params: fn.params.map((p) => (p as ESTree.Identifier).name), target: ret };
}

function decoderFor(entries: string[], acc: Accessor): (rotation: number) => Decode {
  const decode = decoderOf(acc.fn);
  return (rotation) =>
    ([index, key]) => {
      const i =
        (typeof index === "string" ? Number(index) : typeof index === "number" ? index : Number.NaN) -
        acc.offset;
      if (!Number.isInteger(i) || i < 0 || i >= entries.length) return DYNAMIC;
      try {
        return decode(entries[(i + rotation) % entries.length]!, key ?? DYNAMIC) ?? DYNAMIC;
      } catch {
        return DYNAMIC;
      }
    };
}

/** The rotation the load-time loop settles on; null when no candidate meets the checksum. */
function settledRotation(
  body: ESTree.Node[],
  acc: Accessor,
  size: number,
  set: (r: number) => void,
  call: Call,
): number | null {
  const rotation = rotationOf(body, acc.array);
  if (!rotation) return 0;
  const sum = checksumOf(rotation.fn);
  // Older output rotates a fixed number of times (`while (--n) arr.push(arr.shift())`).
  if (!sum) return ((rotation.target % size) + size) % size;
  for (let r = 0; r < size; r++) {
    set(r);
    if (arith(sum, new Map(), call) === rotation.target) return r;
  }
  return null;
}

/** Registers every string-array accessor of a parsed file, its aliases and wrappers, for the evaluator. */
export function findStringArrays(ast: ESTree.Program): void {
  const body = ast.body as ESTree.Node[];
  const arrays = arraysOf(body);
  if (!arrays.size) return;
  const accessors = accessorsOf(body, arrays).filter((a) => arrays.get(a.array)!.length <= MAX_ENTRIES);
  if (!accessors.length) return;
  const names = new Map<string, Decode>();
  const call: Call = (name, args) => names.get(name)?.(args) ?? null;
  const rotations = new Map<Accessor, number | null>();
  for (const acc of accessors) {
    const at = decoderFor(arrays.get(acc.array)!, acc);
    rotations.set(acc, 0);
    names.set(acc.name, (args) => {
      const r = rotations.get(acc);
      return r === null || r === undefined ? DYNAMIC : at(r)(args);
    });
  }
  // Aliases (`const _0x2d8f18 = _0x4a96`) and wrappers (`function w(a, b) { return _0x4a96(b - 0x1c, a); }`),
  // in any scope: obfuscators give every binding its own name.
  for (let grew = true, rounds = 0; grew && rounds < 6; rounds++) {
    grew = false;
    walk(ast, (n) => {
      if (n.type === "VariableDeclarator" && n.id.type === "Identifier" && n.init?.type === "Identifier") {
        const d = names.get(n.init.name);
        if (d && !names.has(n.id.name)) {
          names.set(n.id.name, d);
          grew = true;
        }
      }
      const w = names.size ? wrapperOf(n) : null;
      if (w && !names.has(w.name) && names.has((w.target.callee as ESTree.Identifier).name)) {
        names.set(w.name, (args) => {
          const bound = new Map<string, StaticValue>(w.params.map((p, i) => [p, args[i] ?? DYNAMIC]));
          return arith(w.target, bound, call);
        });
        grew = true;
      }
      return undefined;
    });
  }
  for (const acc of accessors) {
    const size = arrays.get(acc.array)!.length;
    rotations.set(
      acc,
      settledRotation(body, acc, size, (r) => rotations.set(acc, r), call),
    );
  }
  walk(ast, (n) => {
    if (n.type === "CallExpression" && n.callee.type === "Identifier") {
      const d = names.get(n.callee.name);
      if (d) ACCESSORS.set(n.callee, d);
    }
    return undefined;
  });
}
