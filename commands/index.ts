// The explicit command registry (no filesystem scanning): the order here is the order in help and on Discord.
import type { CommandDefinition } from "../src/dispatch/define-command.js";
import { bookmarksCommand } from "./bookmarks.js";
import { clubCommand } from "./club.js";
import { followCommand, unfollowCommand } from "./follow.js";
import { followingCommand } from "./following.js";
import { foryouCommand } from "./foryou.js";
import { digestCommand } from "./digest.js";
import { getCommand } from "./get.js";
import { linkCommand, unlinkCommand } from "./link.js";
import { createHelpCommand } from "./help.js";
import { previewCommand } from "./preview.js";
import { searchCommand } from "./search.js";
import { settingsCommand } from "./settings.js";
import { statusCommand } from "./status.js";
import { subscribeCommand } from "./subscribe.js";
import { tagCommand } from "./tag.js";
import { todayCommand } from "./today.js";
import { trendingCommand } from "./trending.js";
import { unsubscribeCommand } from "./unsubscribe.js";

export const commands: readonly CommandDefinition[] = [
  searchCommand,
  getCommand,
  todayCommand,
  bookmarksCommand,
  foryouCommand,
  tagCommand,
  linkCommand,
  unlinkCommand,
  subscribeCommand,
  unsubscribeCommand,
  settingsCommand,
  previewCommand,
  digestCommand,
  followCommand,
  unfollowCommand,
  followingCommand,
  statusCommand,
  trendingCommand,
  clubCommand,
  createHelpCommand(() => commands),
] as unknown as readonly CommandDefinition[];
