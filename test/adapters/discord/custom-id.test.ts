// Button custom_ids: ≤ 100 characters, decodable back to the same action; long queries go through a short
// hash that a restarted bot no longer knows (the user is asked to search again); foreign ids are not ours.
import { describe, expect, it } from "vitest";
import { createActionCodec } from "../../../adapters/discord/custom-id.js";
import type { Action } from "../../../src/message.js";

describe("action codec", () => {
  it("round-trips every action kind within 100 characters", () => {
    const codec = createActionCodec();
    const actions: Action[] = [
      { kind: "save", paperId: "2401.01234" },
      { kind: "unsave", paperId: "hep-th/9901001" },
      { kind: "post", paperId: "2401.01234" },
      { kind: "page", query: "diffusion: policy", page: 3, label: "Previous" },
      { kind: "page", query: "ü".repeat(250), page: 24, label: "Next" },
      { kind: "page", query: "", list: "trending", page: 2, label: "Next" },
    ];
    for (const action of actions) {
      const id = codec.encode(action);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(codec.decode(id)).toEqual({ kind: "action", action });
    }
  });

  it("reports a hashed query as expired after a restart and ignores ids that are not paperboy's", () => {
    const id = createActionCodec().encode({ kind: "page", query: "long ".repeat(40), page: 2, label: "Next" });
    expect(createActionCodec().decode(id)).toEqual({ kind: "expired" });
    const codec = createActionCodec();
    for (const foreign of ["other:thing", "pb1:save:../../etc", "pb1:page:N:0:q:x", "pb1:nuke:1", "", "pb1:page:N:0:t", "pb1:page:N:2:t:x"]) {
      expect(codec.decode(foreign)).toEqual({ kind: "foreign" });
    }
  });
});
