import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "templates");
/**
 * Repositories that already use GitHub Actions get the shared lint-cache workflow, so
 * commits made through the assistant are linted with the same cache as CI (#118).
 * Returns the repo-relative paths that were added.
 */
export async function ensureCiTemplates(cwd) {
    const wfDir = join(cwd, ".github", "workflows");
    if (!existsSync(wfDir))
        return [];
    const rel = ".github/workflows/lint-cache.yml";
    const dest = join(cwd, rel);
    if (existsSync(dest))
        return [];
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(join(TEMPLATE_DIR, "lint-cache.yml"), dest);
    return [rel];
}
