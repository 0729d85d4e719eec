// "Did you mean": close typos get the command, unrelated words get nothing.
import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../../src/dispatch/suggest.js";

const names = ["search", "get", "today", "bookmarks", "subscribe", "unsubscribe", "settings", "status", "help"];

describe("closestName", () => {
  it("finds swapped, missing, extra and wrong letters", () => {
    expect(editDistance("serach", "search")).toBe(1);
    expect(closestName("serach", names)).toBe("search");
    expect(closestName("bookmark", names)).toBe("bookmarks");
    expect(closestName("Todya", names)).toBe("today");
    expect(closestName("subscibe", names)).toBe("subscribe");
    expect(closestName("sttus", names)).toBe("status");
    expect(closestName("sav", ["save", "unsave", "next", "prev", "exit"])).toBe("save");
  });

  it("suggests nothing for unrelated words", () => {
    expect(closestName("frobnicate", names)).toBeUndefined();
    expect(closestName("xyz", names)).toBeUndefined();
    expect(closestName("x".repeat(500), names)).toBeUndefined();
  });
});
