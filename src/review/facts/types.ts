/** The facts code rules read about one file, as plain data. */
import type { StaticValue } from "../eval/value.js";

import type { CapabilityUse } from "./capabilities.js";
import type { Gate } from "./gates.js";

export interface Located {
  value: string;
  line: number;
  /**
   * Text the code builds rather than writes (a join, a decoded base64 string, a fallback, a constant
   * imported from another file): where it was built, for messages ("built in lib/defaults.js").
   */
  built?: string;
  /** Built by decoding (base64, hex, char codes, URI escapes): text someone chose to hide. */
  decoded?: boolean;
  /** Source offset, where known: tells apart code that a minified file keeps on one line. */
  at?: number;
}

/** A property/header/assignment whose key matters to a rule, with its value when it is fixed text. */
export interface KeyedValue {
  key: string;
  /** Resolved constant text; null when the value is computed at run time. */
  value: string | null;
  line: number;
  /** The value is built, not written at this line (see Located.built). */
  built?: string;
  decoded?: boolean;
}

/**
 * The constant exports of another file of the package, by the specifier this file imports it with
 * (`./defaults.js`, `../config.json`); DYNAMIC when it is not a file of the package or not constant.
 */
export type ModuleValues = (specifier: string) => { value: StaticValue; path: string } | null;

export interface CodeFacts {
  parsed: boolean;
  parseError?: string;
  /** String literals and template text that could name an endpoint or a path (code only, not comments). */
  strings: Located[];
  comments: Located[];
  /** Statically named modules: require("x"), import "x", import("x"). */
  modules: Located[];
  /** require(expr)/import(expr) whose argument is not a literal. */
  dynamicLoads: Located[];
  /** eval/Function/vm run on text that came from the network (a fetch response, its `.then` chain). */
  remoteCode: Located[];
  /** Called or constructed names: `eval`, `Function`, `fetch`, `x.writeFileSync`, `process.dlopen`. */
  calls: Located[];
  /** Properties, assignments and header setters named like recipients or URLs. */
  keyed: KeyedValue[];
  /** `process.env` turned into text or a whole object (JSON.stringify(process.env), …). */
  envDumps: Located[];
  /** Identifiers that contain non-ASCII letters. */
  identifiers: Located[];
  /**
   * Commands run and paths deleted, with what is known of their text (`…` for parts computed at run
   * time, `~` for the user's home folder): `curl -fsSL https://x | sh`, `~/`.
   */
  sinks: Sink[];
  /**
   * Code at the module's top level that never ends: loops with no test, a constant true or
   * `i < Infinity` and no break; a fast `setInterval` that prints.
   */
  endless: Located[];
  /** Network requests: what is known of the URL, and the named environment variables their arguments carry. */
  requests: Request[];
  /** Conditions that read where or when the code runs (time zone, locale, clock, host, CI). */
  gates: Gate[];
  /** What the code can do, by the catalogue: every call that reaches a row, with its target resolved. */
  capabilities: CapabilityUse[];
}

export interface Request {
  url: string;
  line: number;
  /** `process.env` names in the arguments, directly or through a constant of this file. */
  env: string[];
}

export interface Sink {
  kind: "exec" | "delete";
  text: string;
  line: number;
  /** A delete that removes whole trees (`recursive: true`, rimraf). */
  recursive?: boolean;
}

/** Facts with nothing found yet. */
export function emptyFacts(parsed: boolean, comments: Located[] = []): CodeFacts {
  return {
    parsed,
    strings: [],
    comments,
    modules: [],
    dynamicLoads: [],
    remoteCode: [],
    calls: [],
    keyed: [],
    envDumps: [],
    identifiers: [],
    sinks: [],
    endless: [],
    requests: [],
    capabilities: [],
    gates: [],
  };
}
