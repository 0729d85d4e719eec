// The App Home tab: the user's reading list (the core's `bookmarks` reply) with a Remove button per paper,
// published with views.publish whenever the tab is opened or a Remove is clicked. The Home tab allows 100
// blocks; render.ts keeps within that.
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { OutgoingMessage } from "../../src/message.js";
import { callerFor, withClient, type SlackContext } from "./context.js";
import { renderHomeView } from "./render.js";
import { toUpstreamError } from "./web.js";

export const HOME_HEADING = "📚 Your paperboy reading list";

const homeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

/** Every paper in the list gets a Remove button, whatever the core attached. */
function withRemoveButtons(messages: OutgoingMessage[]): OutgoingMessage[] {
  return messages.map((m) => {
    if (!m.ref || (m.actions ?? []).some((a) => a.kind === "unsave")) return m;
    return { ...m, actions: [...(m.actions ?? []).filter((a) => a.kind !== "save"), { kind: "unsave", paperId: m.ref.paperId }] };
  });
}

export async function publishHome(ctx: SlackContext, userId: string): Promise<void> {
  const caller = callerFor(ctx, { userId });
  const reply = await ctx.core.runCommand({ caller, name: "bookmarks", input: { kind: "text", text: "" } });
  const view = renderHomeView(HOME_HEADING, withRemoveButtons(reply.messages));
  try {
    await ctx.client.views.publish({ user_id: userId, view });
  } catch (err) {
    throw toUpstreamError(err, "views.publish");
  }
}

export function registerHome(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", async ({ event, client }) => {
    const parsed = homeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== "home")) return;
    const userId = parsed.data.user;
    await ctx.track("slack home", { userId }, () => publishHome(withClient(ctx, client), userId));
  });
}
