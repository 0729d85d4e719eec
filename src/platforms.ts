// The one list of chat platforms paperboy knows. Everything else (ports, stored records, pacing, the adapter
// registry in adapters/index.ts) derives from it, so adding a platform starts here and nowhere else.
import { z } from "zod";

export const PLATFORMS = ["discord", "slack", "console"] as const;
export type Platform = (typeof PLATFORMS)[number];
/** For every stored record and argument that names a platform. */
export const platformSchema = z.enum(PLATFORMS);
