// Everything a command handler may use, built once by the composition root (src/main.ts) and passed in.
// Commands never construct their own clients or read the environment.
import type { Config } from "./config.js";
import type { JournalClub } from "./dispatch/journal-club.js";
import type { PaperSource } from "./hf/source.js";
import type { Logger } from "./log.js";
import type { OutgoingMessage } from "./message.js";
import type { AdapterHealth, ChannelKind, Platform, PostedRef } from "./ports.js";
import type { PublishOptions } from "./publish.js";
import type { DmClosedNotices } from "./store/dm-closed.js";
import type { FollowRepo } from "./store/follows.js";
import type { CandidatePool } from "./recommend/candidate-pool.js";
import type { FeedbackRepo } from "./recommend/feedback.js";
import type { AccountRepo } from "./store/accounts.js";
import type { FeedTokenRepo } from "./store/feed-tokens.js";
import type { SubscriptionRepo } from "./store/subscriptions.js";
import type { BookmarkRepo, OnceRepo, PostRepo } from "./store/types.js";

export interface CoreDeps {
  config: Config;
  papers: PaperSource;
  bookmarks: BookmarkRepo;
  posts: PostRepo;
  once: OnceRepo;
  /** Secret tokens of the private reading-list feeds (/paper bookmarks feed). */
  feedTokens: FeedTokenRepo;
  /** Personal follows behind /paper follow, unfollow and following; absent where nothing stores them. */
  follows?: FollowRepo;
  /** Flags set when an alert DM was refused; the next command's private reply says so once. */
  dmClosed?: DmClosedNotices;
  /** "Not for me" feedback on /paper foryou results (src/recommend/feedback.ts). */
  feedback: FeedbackRepo;
  /** The last 30 closed daily lists, indexed for /paper foryou (src/recommend/candidate-pool.ts). */
  candidatePool: CandidatePool;
  /** Linked accounts (/paper link, /paper unlink). */
  accounts: AccountRepo;
  /**
   * Channel subscriptions to the daily post (src/store/subscriptions.ts), for /paper subscribe, unsubscribe,
   * settings and status. Absent where no delivery runs (those commands then say so).
   */
  subscriptions?: SubscriptionRepo;
  log: Logger;
  /** Each registered adapter's connection state (an outage with its reason), for /paper status. */
  adapterHealth?: () => Partial<Record<Platform, AdapterHealth>>;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  /**
   * Posts a message publicly through the platform's adapter and, when it shows one paper (message.ref),
   * records (platform, channel, message id) → paper so 🔖 works on it.
   */
  publish(platform: Platform, channelId: string, message: OutgoingMessage, options?: PublishOptions): Promise<PostedRef>;
  /** The kind of a channel (forum, thread, text) as its platform's adapter tells it, for the posting modes; absent: text. */
  channelKind?: (platform: Platform, channelId: string) => Promise<ChannelKind | undefined>;
  /** Journal club: counts 🔖 per paper and channel and opens the discussion at the threshold; absent: off. */
  club?: JournalClub;
}
