// The adapter registry: one line per chat platform. The bot (src/main.ts) and `npm run deliver` build their
// adapters from here only, so the core never names a platform. SDKs load on first use (deliver stays light).
import { enabledPlatforms } from "../src/config.js";
import type { AdapterEntry } from "../src/start-platforms.js";

export const ADAPTERS: readonly AdapterEntry[] = [
  {
    platform: "slack",
    enabled: (c) => enabledPlatforms(c).slack,
    create: async (ctx) =>
      (await import("./slack/index.js")).createSlackAdapter({ ...ctx, workspaceOfChannel: (id) => ctx.workspaceOfChannel("slack", id) }),
  },
  { platform: "discord", enabled: (c) => enabledPlatforms(c).discord, create: async (ctx) => (await import("./discord/index.js")).createDiscordAdapter(ctx) },
];
