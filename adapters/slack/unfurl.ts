// Link unfurls: when someone pastes an arXiv / Hugging Face / alphaXiv link, Slack sends `link_shared` and we
// answer with chat.unfurl carrying the paper card (the core's `get`, which parses every link form). Links the
// core cannot resolve to one paper are left alone — Slack then shows its default preview.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { callerFor, withClient, type SlackContext } from "./context.js";
import { renderMessage } from "./render.js";
import { toUpstreamError } from "./web.js";

/** The domains in manifest.json's unfurl_domains (Slack only sends link_shared for these). */
export const UNFURL_DOMAINS = ["arxiv.org", "huggingface.co", "hf.co", "alphaxiv.org"];
/** Slack sends at most a handful of links per message; cap the work anyway. */
const MAX_LINKS = 5;

const linkSharedSchema = z.object({
  user: z.string().min(1),
  channel: z.string().optional(),
  message_ts: z.string().optional(),
  unfurl_id: z.string().optional(),
  source: z.string().optional(),
  links: z.array(z.object({ domain: z.string(), url: z.string() })).default([]),
});

const isOurDomain = (domain: string) =>
  UNFURL_DOMAINS.some((d) => domain.toLowerCase() === d || domain.toLowerCase().endsWith(`.${d}`));

export function registerUnfurls(app: App, ctx: SlackContext): void {
  app.event("link_shared", async ({ event, client }) => {
    const parsed = linkSharedSchema.safeParse(event);
    if (!parsed.success) return void ctx.log.warn({ issues: parsed.error.issues }, "slack link_shared not understood");
    const e = parsed.data;
    const links = [...new Set(e.links.filter((l) => isOurDomain(l.domain)).map((l) => l.url))].slice(0, MAX_LINKS);
    if (links.length === 0) return;
    await ctx.track("slack unfurl", { userId: e.user, channelId: e.channel, links: links.length }, async () => {
      const c = withClient(ctx, client);
      const caller = callerFor(c, { userId: e.user, channelId: e.channel });
      const unfurls: Record<string, { blocks: unknown[] }> = {};
      for (const url of links) {
        const reply = await ctx.core.runCommand({ caller, name: "get", input: { kind: "text", text: url } });
        const card = reply.messages.find((m) => m.ref);
        // No buttons in unfurls: they would show to everyone in the channel, not only to the person who pasted.
        if (card) unfurls[url] = { blocks: renderMessage({ ...card, actions: [] }).blocks };
      }
      if (Object.keys(unfurls).length === 0) return;
      // Composer previews (before the message is sent) are addressed by unfurl_id + source, posted ones by channel + ts.
      const target =
        e.source === "composer" && e.unfurl_id
          ? { unfurl_id: e.unfurl_id, source: "composer" as const }
          : { channel: e.channel ?? "", ts: e.message_ts ?? "" };
      try {
        await c.client.chat.unfurl({ ...target, unfurls } as Parameters<typeof c.client.chat.unfurl>[0]);
      } catch (err) {
        throw toUpstreamError(err, "chat.unfurl");
      }
    });
  });
}
