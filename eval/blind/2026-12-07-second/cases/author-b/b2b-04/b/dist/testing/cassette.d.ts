import type { QuillApi } from "../api.js";
export interface CassetteOptions {
    suite: string;
}
/**
 * Wrap the API transport so HTTP interactions are recorded to (or replayed from)
 * a cassette. Used by the e2e suite; see test/e2e/README.md.
 */
export declare function useCassettes(api: QuillApi, opts: CassetteOptions): void;
