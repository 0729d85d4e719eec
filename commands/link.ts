// /paper link [code] and /paper unlink — one person, two platforms. `link` alone shows a one-time code (valid
// 10 minutes, privately); `link <code>` on the other platform joins the two accounts and unites their reading
// lists. `unlink` separates them again and each side keeps everything.
import { z } from "zod";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import type { Platform } from "../src/ports.js";
import { LINK_CODE_TTL_MS, type RedeemResult } from "../src/store/accounts.js";

const PLATFORM_NAMES: Record<Platform, string> = { discord: "Discord", slack: "Slack", console: "terminal" };
const yours = (platform: Platform) => `your ${PLATFORM_NAMES[platform]} account`;

const FAILURES: Record<Exclude<RedeemResult, { ok: true }>["reason"], string> = {
  malformed: "That isn't a link code. A code looks like ABCDE-FGHJK: get one with /paper link on your other platform.",
  unknown: "That code is wrong, already used or expired (codes last 10 minutes). Get a new one with /paper link on your other platform.",
  own_code: "That's this account's own code. Enter it on your other platform (Discord or Slack) to link the two.",
  already_linked: "This account is already linked. Run /paper unlink first to link it to a different one.",
  partner_linked: "The account that made this code is already linked to another one. Run /paper unlink there first.",
  too_many_tries: "Too many tries. Wait 10 minutes, then get a new code with /paper link on your other platform.",
};

export const linkCommand = defineCommand({
  name: "link",
  description: "Link your accounts on two platforms: /paper link for a code, /paper link <code> on the other",
  schema: z.object({
    code: z.string().trim().max(40, "That isn't a link code. A code looks like ABCDE-FGHJK.").optional().describe("The code /paper link showed on your other platform"),
  }),
  examples: ["/paper link", "/paper link ABCDE-FGHJK"],
  async run({ code }, { caller, deps }) {
    const owner = { platform: caller.platform, userId: caller.userId };
    if (code === undefined || code === "") {
      const partner = await deps.accounts.partner(owner);
      if (partner) return textReply(`This account is linked with ${yours(partner.platform)}: you share one reading list. /paper unlink separates them.`);
      const issued = await deps.accounts.issueCode(owner);
      return textReply(
        `Your link code is ${issued.code} — valid for ${LINK_CODE_TTL_MS / 60_000} minutes, once. On your other platform, ` +
          `type /paper link ${issued.code} to join the two accounts: your bookmarks are combined and nothing is lost. Don't share this code.`,
      );
    }
    const result = await deps.accounts.redeem(owner, code);
    if (!result.ok) throw new UserError("link_failed", FAILURES[result.reason]);
    const n = (await deps.bookmarks.list(owner)).length;
    return textReply(
      `Linked with ${yours(result.partner.platform)}. You now share one reading list (${n} bookmark${n === 1 ? "" : "s"}) on both. ` +
        "/paper unlink separates them again, and each side keeps everything.",
    );
  },
});

export const unlinkCommand = defineCommand({
  name: "unlink",
  description: "Separate linked accounts again; each side keeps all bookmarks",
  schema: z.object({}),
  examples: ["/paper unlink"],
  async run(_args, { caller, deps }) {
    const partner = await deps.accounts.unlink({ platform: caller.platform, userId: caller.userId });
    if (!partner) return textReply("This account isn't linked to another one. /paper link shows how to link one.");
    return textReply(`Unlinked from ${yours(partner.platform)}. Both accounts keep every bookmark you had together.`);
  },
});
