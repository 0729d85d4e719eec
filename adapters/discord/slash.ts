// Interactions: `/paper` commands, autocomplete and button presses. Every command and button is deferred FIRST
// (private where the answer is private), so a slow Hugging Face never misses Discord's 3-second deadline; the
// core runs after, and the deferred reply is edited. Late or doubled acknowledgements are logged, never thrown.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import { truncate } from "../../src/format/text.js";
import type { Logger } from "../../src/log.js";
import { GENERIC_ERROR_TEXT, userFacingMessage } from "../../src/errors.js";
import { textReply, type Reply } from "../../src/message.js";
import type { BotCore, Caller } from "../../src/ports.js";
import type { ActionCodec } from "./custom-id.js";
import { discordCode, errorFields, LOST_INTERACTION_CODES } from "./errors.js";
import { COMMAND_NAME } from "./options.js";
import { renderReply, type DiscordPayload } from "./render.js";

/** Discord gives autocomplete 3 s and no way to defer; answer with nothing rather than too late. */
const AUTOCOMPLETE_BUDGET_MS = 2500;
const EXPIRED_SEARCH = "That search has expired. Run /paper search again to get fresh results.";
const UNKNOWN_BUTTON = "This button is from an older version of paperboy. Run the command again.";

export interface InteractionHandlerDeps {
  core: BotCore;
  log: Logger;
  codec: ActionCodec;
}

export function callerOf(interaction: Interaction): Caller {
  // memberPermissions are the member's permissions in this channel, overwrites included (null in DMs).
  const perms = interaction.memberPermissions;
  const admin = Boolean(perms?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild]));
  return {
    platform: "discord",
    userId: interaction.user.id,
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
    isAdmin: () => Promise.resolve(admin),
  };
}

/** A reply edit must clear what it does not set: PATCH keeps omitted fields. */
const asEdit = (p: DiscordPayload) => ({ ...p, content: p.content ?? "", ...(p.files ? {} : { attachments: [] }) });
const ephemeral = (p: DiscordPayload, priv: boolean) => ({ ...p, ...(priv ? { flags: MessageFlags.Ephemeral as const } : {}) });

export function createInteractionHandler(deps: InteractionHandlerDeps) {
  const { core, log, codec } = deps;
  const render = (reply: Reply) => renderReply(reply.messages, { encode: codec.encode });

  /** Runs a Discord call; a lost interaction (10062/40060) is logged and reported as false. */
  async function attempt(what: string, interaction: Interaction, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (err) {
      const code = discordCode(err);
      const fields = { ...errorFields(err), interactionId: interaction.id, userId: interaction.user.id, channelId: interaction.channelId };
      if (code !== undefined && LOST_INTERACTION_CODES.has(code)) log.warn(fields, `discord: ${what} failed, interaction already gone`);
      else log.error(fields, `discord: ${what} failed`);
      return false;
    }
  }

  /** Sends a reply after a deferral: the first payload edits the deferred message, the rest follow up. */
  async function deliver(interaction: ChatInputCommandInteraction | ButtonInteraction, reply: Reply, inPlace: boolean) {
    const payloads = render(reply);
    const priv = reply.visibility === "ephemeral";
    const [first, ...rest] = payloads;
    if (!first) {
      // Nothing to say: don't leave "paperboy is thinking…" hanging.
      if (interaction.isChatInputCommand()) await attempt("deleteReply", interaction, () => interaction.deleteReply());
      return;
    }
    // Commands were deferred privately: a public answer goes out as follow-ups, the placeholder is removed.
    if (inPlace || (priv && interaction.isChatInputCommand())) {
      if (!(await attempt("editReply", interaction, () => interaction.editReply(asEdit(first))))) return;
    } else {
      rest.unshift(first);
    }
    for (const p of rest) {
      if (!(await attempt("followUp", interaction, () => interaction.followUp(ephemeral(p, priv))))) return;
    }
    if (!priv && interaction.isChatInputCommand()) await attempt("deleteReply", interaction, () => interaction.deleteReply());
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = Date.now();
    if (!(await attempt("deferReply", interaction, () => interaction.deferReply({ flags: MessageFlags.Ephemeral })))) return;
    const name = interaction.options.getSubcommand(false) ?? "help";
    const options = Object.fromEntries((interaction.options.data[0]?.options ?? []).map((o) => [o.name, o.value]));
    let reply: Reply;
    try {
      reply = await core.runCommand({ caller: callerOf(interaction), name, input: { kind: "options", options } });
    } catch (err) {
      log.error({ ...errorFields(err), command: name, userId: interaction.user.id }, "discord: command failed");
      reply = textReply(userFacingMessage(err));
    }
    await deliver(interaction, reply, false);
    log.debug({ command: name, ms: Date.now() - started, channelId: interaction.channelId }, "discord: command answered");
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const decoded = codec.decode(interaction.customId);
    if (decoded.kind !== "action") {
      const text = decoded.kind === "expired" ? EXPIRED_SEARCH : UNKNOWN_BUTTON;
      await attempt("reply", interaction, () => interaction.reply({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }));
      return;
    }
    // Acknowledge without changing anything yet; the answer then edits the message in place or follows up.
    if (!(await attempt("deferUpdate", interaction, () => interaction.deferUpdate()))) return;
    let reply: Reply;
    try {
      reply = await core.runAction({ caller: callerOf(interaction), action: decoded.action });
    } catch (err) {
      log.error({ ...errorFields(err), action: decoded.action.kind, userId: interaction.user.id }, "discord: button failed");
      reply = textReply(GENERIC_ERROR_TEXT);
    }
    await deliver(interaction, reply, reply.replaceOriginal === true);
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const request = {
      caller: callerOf(interaction),
      name: interaction.options.getSubcommand(false) ?? "",
      option: focused.name,
      partial: String(focused.value),
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS)));
    const suggestions = await Promise.race([core.autocomplete(request).catch(() => []), late]).finally(() => clearTimeout(timer));
    const choices = suggestions
      .filter((c) => c.value.length >= 1 && c.value.length <= 100)
      .slice(0, 25)
      .map((c) => ({ name: truncate(c.name, 100) || c.value, value: c.value }));
    await attempt("autocomplete respond", interaction, () => interaction.respond(choices));
  }

  return async function handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await onCommand(interaction);
      else if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
    } catch (err) {
      log.error({ ...errorFields(err), interactionId: interaction.id }, "discord: interaction handler failed");
    }
  };
}
