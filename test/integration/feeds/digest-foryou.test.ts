// A DM digest with rank=foryou end to end (fake Hugging Face and Slack, real delivery engine): the reader whose
// bookmarks are all about protein folding gets the protein papers of the list, though robot papers have more
// upvotes; the same digest without rank (and a reader with no bookmarks: cold start) gets the most upvoted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestCommand } from "../../../commands/digest.js";
import { parseCommandText } from "../../../src/dispatch/parse-text.js";
import type { Paper } from "../../../src/paper.js";
import { dmChannelKey } from "../../../src/store/subscriptions.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { startPaperboy } from "../delivery/in-process.js";
import { createWorld, LIST_DATE, subscription, type World } from "../delivery/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
  const protein = (i: number) =>
    makeDailyItem({ id: `2506.2000${i}`, title: `Protein folding with structure models ${i}`, summary: "Protein structure prediction and folding of amino acid chains.", upvotes: 5 + i, listDate: LIST_DATE });
  const robot = (i: number) =>
    makeDailyItem({ id: `2506.3000${i}`, title: `Robot grasping policy ${i}`, summary: "Robot manipulation and grasping with visuomotor policies.", upvotes: 90 + i, listDate: LIST_DATE });
  // Other topics too: a term in 40 % or more of the candidates is too common to rank by (rank.ts).
  const other = (i: number) =>
    makeDailyItem({ id: `2506.4000${i}`, title: `Language model reasoning benchmark ${i}`, summary: "Evaluating chain of thought in language models.", upvotes: 50 + i, listDate: LIST_DATE });
  world.hf.setDaily(LIST_DATE, [1, 2, 3, 4].flatMap((i) => [protein(i), robot(i), other(i), other(i + 4)]));
});
afterAll(async () => {
  await world?.close();
});

const MONDAY_SLOT = "2025-06-16T07:00:30.000Z";

const saved = (id: string, title: string): Paper => ({
  id,
  title,
  abstract: "Predicting protein structure and folding pathways of amino acid chains.",
  authors: ["Ada Lovelace"],
  authorCount: 1,
  keywords: ["protein folding"],
  source: "hf",
});

/** The papers a Slack DM got, in the order they were posted. */
const papersIn = (dm: string) =>
  world.slack.state.messages.filter((m) => m.channel === dm && m.metadata?.event_type !== "paperboy_header").map((m) => String(m.metadata?.event_payload?.paper_id));

describe("digest rank=foryou", () => {
  it("Slack text takes rank=foryou, a trailing foryou, and still the positional arguments before it", () => {
    expect(parseCommandText(digestCommand, "daily 08:00 Europe/Berlin 5 foryou")).toMatchObject({ kind: "daily", time: "08:00", timezone: "Europe/Berlin", top: 5, rank: "foryou" });
    expect(parseCommandText(digestCommand, "weekly friday rank=foryou")).toMatchObject({ kind: "weekly", weekday: "friday", rank: "foryou" });
    expect(parseCommandText(digestCommand, "daily 08:00 5")).not.toHaveProperty("rank");
  });

  it("puts the reader's topic first; without rank, or on a cold start, the most upvoted", async () => {
    const pb = await startPaperboy(world, `memory://${randomUUID()}`, MONDAY_SLOT);
    const [reader, plain, newcomer] = ["U0READER1", "U0PLAIN01", "U0NEWBIE1"];
    for (const [i, title] of ["Protein folding dynamics", "Protein structure prediction at scale", "Folding amino acid chains"].entries()) {
      for (const user of [reader, plain]) await pb.app.deps.bookmarks.add({ platform: "slack", userId: user }, saved(`2401.0000${i}`, title));
    }
    await pb.stack.subscriptions.save(subscription("slack", dmChannelKey(reader), { userId: reader, top: 3, rank: "foryou" }));
    await pb.stack.subscriptions.save(subscription("slack", dmChannelKey(plain), { userId: plain, top: 3 }));
    await pb.stack.subscriptions.save(subscription("slack", dmChannelKey(newcomer), { userId: newcomer, top: 3, rank: "foryou" }));
    const results = await pb.stack.engine.runDue();
    expect(results.map((r) => r.outcome.status)).toEqual(["posted", "posted", "posted"]);

    const forReader = papersIn(`D${reader.slice(1)}`);
    expect(forReader).toHaveLength(3);
    expect(forReader, forReader.join()).toSatisfy((ids: string[]) => ids.every((id) => id.startsWith("2506.2")));
    const mostUpvoted = ["2506.30004", "2506.30003", "2506.30002"];
    expect(papersIn(`D${plain.slice(1)}`)).toEqual(mostUpvoted);
    expect(papersIn(`D${newcomer.slice(1)}`)).toEqual(mostUpvoted);
    await pb.close();
  });
});
