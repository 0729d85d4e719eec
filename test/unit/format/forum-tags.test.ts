// Forum tags and thread names, pure: Discord's limits (names ≤ 100, tags ≤ 20 per forum with names ≤ 20, ≤ 5 per
// post), case-insensitive matching of the forum's own tags, and a merge that never drops a tag already there.
import { describe, expect, it } from "vitest";
import { chooseTags, mergeTags, threadNameOf, wantedTags } from "../../../src/format/forum-tags.js";

describe("thread names", () => {
  it("are one line of at most 100 characters, never empty, with @ defused", () => {
    const name = threadNameOf(`@everyone\n<@123> ${"x".repeat(200)}`);
    expect([...name].length).toBeLessThanOrEqual(100);
    expect(name).not.toMatch(/@everyone|@here|\n/);
    expect(name.endsWith("…")).toBe(true);
    expect(threadNameOf("  \n ")).toBe("Untitled paper");
    expect(threadNameOf("🧪".repeat(150))).toHaveLength(2 * 99 + 1);
  });
});

describe("forum tags", () => {
  const existing = [
    { id: "1", name: "NVIDIA" },
    { id: "2", name: "diffusion" },
  ];

  it("asks for the organisation, then the keywords, once each", () => {
    expect(wantedTags({ organization: "NVIDIA", keywords: ["Diffusion", "nvidia", " robotics "] })).toEqual(["NVIDIA", "Diffusion", "robotics"]);
    expect(wantedTags({})).toEqual([]);
  });

  it("matches existing tags case-insensitively and creates only when allowed, within the limits", () => {
    expect(chooseTags(["nvidia", "Diffusion", "robotics"], existing, false)).toEqual({ apply: ["1", "2"], create: [] });
    expect(chooseTags(["nvidia", "robotics", "a keyword far longer than twenty"], existing, true)).toEqual({ apply: ["1"], create: ["robotics"] });
    const many = ["a", "b", "c", "d", "e", "f", "g"];
    const chosen = chooseTags(many, existing, true);
    expect(chosen.apply.length + chosen.create.length).toBe(5);
    const full = Array.from({ length: 20 }, (_, i) => ({ id: String(i), name: `t${i}` }));
    expect(chooseTags(["new", "t3"], full, true)).toEqual({ apply: ["3"], create: [] });
  });

  it("merges without dropping or duplicating a tag, and stops at 20", () => {
    const current = [{ id: "9", name: "Person's", moderated: true }];
    expect(mergeTags(current, ["person's", "agents"])).toEqual([{ id: "9", name: "Person's", moderated: true }, { name: "agents" }]);
    const full = Array.from({ length: 19 }, (_, i) => ({ id: String(i), name: `t${i}` }));
    expect(mergeTags(full, ["x", "y"])).toHaveLength(20);
  });
});
