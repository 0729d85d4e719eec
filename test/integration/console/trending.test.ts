// `/paper trending` in the terminal on the bundled sample (`npm start -- --sample`, offline): the sample's papers by
// upvotes stand in for Hugging Face's trending list, `next` pages the trending list (not the last search), and
// `save` takes a paper from page 2. Also: a full card with linked repos as the console prints it.
import { describe, expect, it } from "vitest";
import { renderForTerminal } from "../../../adapters/console/render.js";
import { paperCard } from "../../../src/format/paper-card.js";
import { createSampleSource } from "../../../src/hf/sample.js";
import { runPiped } from "./run.js";

describe("console /paper trending", { timeout: 120_000 }, () => {
  it("pages the trending list with next / prev and saves from page 2", async () => {
    const input = ["/paper search diffusion policy", "/paper trending", "next", "save 2601.16163", "/paper bookmarks"].join("\n");
    const out = await runPiped(["--sample"], `${input}\n`, { STORE_URL: "memory://" });
    expect(out.code, out.stderr).toBe(0);
    const [, trending = ""] = out.stdout.split(/(?=Trending on Hugging Face now: 1–5)/);
    expect(trending).toMatch(/^Trending on Hugging Face now: 1–5 of 33/);
    expect(trending).toContain("IterResearch"); // the most upvoted sample paper leads
    // `next` after /paper trending pages the trending list, not the earlier search.
    expect(trending).toContain("Trending on Hugging Face now: 6–10 of 33");
    expect(trending).not.toContain("Results 6–10");
    expect(trending).toContain("Page 2 of 7");
    expect(out.stderr).toContain("Saved “Cosmos Policy");
    expect(trending).toContain("Your 1 bookmark");
  });

  it("prints a card's linked repos and discussion as text with links", async () => {
    const paper = await createSampleSource().paper("2511.07327");
    const card = paperCard({
      ...paper,
      numComments: 4,
      artifacts: {
        models: { total: 12, top: [{ id: "org/model-a", likes: 340 }, { id: "org/model-b", likes: 12 }, { id: "model-c" }] },
        datasets: { total: 0, top: [] },
        spaces: { total: 1, top: [{ id: "org/demo", likes: 3 }] },
      },
    });
    const text = renderForTerminal(card, 200);
    expect(text).toContain("Models (12): org/model-a <https://huggingface.co/org/model-a> ♥ 340 · org/model-b <https://huggingface.co/org/model-b> ♥ 12 · model-c <https://huggingface.co/model-c>");
    expect(text).toContain("Spaces (1): org/demo <https://huggingface.co/spaces/org/demo> ♥ 3");
    expect(text).not.toContain("Datasets");
    expect(text).toContain("Discussion on Hugging Face <https://huggingface.co/papers/2511.07327#community> (4 comments)");
  });
});
