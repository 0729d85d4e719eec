// /metrics content: deliveries, failures, Hugging Face latency and command latency, in Prometheus text format.
import { describe, expect, it } from "vitest";
import type { PaperSource } from "../../../src/hf/source.js";
import { createMetrics, instrumentPaperSource } from "../../../src/metrics.js";

describe("metrics", () => {
  it("exposes deliveries, failures, HF latency and command latency", async () => {
    const metrics = createMetrics({ defaults: false, commandNames: ["search", "today"] });
    metrics.delivery("discord", "posted", 11);
    metrics.delivery("slack", "nothing", 0);
    metrics.failure("slack", "permanent");
    metrics.command("search", 120, "ok");
    metrics.command("rm -rf", 3, "user_error");
    const source: PaperSource = {
      daily: async () => [],
      search: async () => {
        throw new Error("down");
      },
      paper: async () => {
        throw new Error("unused");
      },
    };
    const timed = instrumentPaperSource(source, metrics);
    await timed.daily("2025-06-12");
    await expect(timed.search("x")).rejects.toThrow("down");

    const { contentType, body } = await metrics.render();
    expect(contentType).toContain("text/plain");
    expect(body).toContain('paperboy_deliveries_total{platform="discord",outcome="posted"} 1');
    expect(body).toContain('paperboy_delivery_messages_total{platform="discord"} 11');
    expect(body).toContain('paperboy_delivery_failures_total{platform="slack",kind="permanent"} 1');
    expect(body).toContain('paperboy_hf_request_duration_seconds_count{operation="daily",outcome="ok"} 1');
    expect(body).toContain('paperboy_hf_request_duration_seconds_count{operation="search",outcome="error"} 1');
    expect(body).toContain('paperboy_command_duration_seconds_count{command="search",outcome="ok"} 1');
    expect(body).toContain('paperboy_command_duration_seconds_count{command="other",outcome="user_error"} 1');
  });
});
