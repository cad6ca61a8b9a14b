/** What B introduces: changed code, and what A already had in any file. Pure. */
import type { ChangedFile, PackageFile, PackageSnapshot, RuleContext } from "../../review/rule.js";
import { chunkStem, isDocPath } from "./paths.js";

/** Text files of a snapshot. */
export function textFiles(s: PackageSnapshot): PackageFile[] {
  return [...s.files.values()].filter((f) => f.kind === "text");
}

/** True when any text file of A matches `re` (memoised per rule key). */
export function aHas(
  ctx: RuleContext,
  key: string,
  re: RegExp,
  filter: (f: PackageFile) => boolean = () => true,
): boolean {
  return ctx.memo(`a-has:${key}`, () => textFiles(ctx.a).some((f) => filter(f) && re.test(f.text!)));
}

/** A's bundle chunks by name without their content hash (only stems that name one file). */
function chunksOfA(ctx: RuleContext): Map<string, PackageFile> {
  return ctx.memo("a-chunks", () => {
    const out = new Map<string, PackageFile | null>();
    for (const f of textFiles(ctx.a)) {
      const stem = chunkStem(f.path);
      if (stem) out.set(stem, out.has(stem) ? null : f);
    }
    return new Map([...out].filter((e): e is [string, PackageFile] => e[1] !== null));
  });
}

/**
 * Changed files that are code (have parser facts). A new bundle chunk whose name differs from one of
 * A's only by its content hash gets that chunk as its old counterpart: a rebuild is not new code.
 */
export function changedCode(
  ctx: RuleContext,
): (ChangedFile & { facts: NonNullable<ReturnType<RuleContext["facts"]>> })[] {
  const out = [];
  for (const c of ctx.changed) {
    const facts = ctx.facts(c.file);
    if (!facts) continue;
    const stem = c.old ? null : chunkStem(c.file.path);
    const old = c.old ?? (stem ? chunksOfA(ctx).get(stem) : undefined);
    out.push({ ...c, ...(old ? { old } : {}), facts });
  }
  return out;
}

/** Old files larger than this are checked by text patterns instead of a second parse (speed, memory). */
export const OLD_PARSE_MAX_BYTES = 1024 * 1024;

/**
 * Did the old counterpart already have it? Small files: exactly, from the parser's facts.
 * Large bundles: by a text pattern, which can only over-report the old side (a mention in a
 * comment counts), trading a rare missed finding for not parsing a second multi-megabyte file.
 */
export function oldHad(
  ctx: RuleContext,
  old: PackageFile | undefined,
  exact: (facts: NonNullable<ReturnType<RuleContext["facts"]>>) => boolean,
  text: RegExp,
): boolean {
  if (old?.kind !== "text") return false;
  if (old.size > OLD_PARSE_MAX_BYTES) return text.test(old.text!);
  const facts = ctx.facts(old);
  return facts ? exact(facts) : text.test(old.text!);
}

/**
 * The first string literal matching `re` in each changed code file whose old counterpart had none:
 * the shape of every "the new version names X" rule.
 */
export function introducedStrings(
  ctx: RuleContext,
  re: RegExp,
): { file: PackageFile; value: string; line: number }[] {
  const out = [];
  for (const { file, old, facts } of changedCode(ctx)) {
    if (isDocPath(file.path)) continue;
    const hit = facts.strings.find((s) => re.test(s.value));
    if (!hit || oldHad(ctx, old, (f) => f.strings.some((s) => re.test(s.value)), re)) continue;
    out.push({ file, value: hit.value, line: hit.line });
  }
  return out;
}
