// The ack gate holds a command's work back while other requests still wait for their ack, and never longer
// than MAX_WAIT_MS. Responses are stand-ins that emit "finish" like a ServerResponse once answered.
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createAckGate, MAX_WAIT_MS, QUIET_MS } from "../../../adapters/slack/ack-gate.js";

const response = () => new EventEmitter() as unknown as ServerResponse;
const settled = async (p: Promise<void>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe("ack gate", () => {
  it("lets work start at once when no request is waiting", async () => {
    expect(await settled(createAckGate().idle(), 5)).toBe(true);
  });

  it("holds work while a request waits for its ack, and releases it a quiet moment after the ack", async () => {
    const gate = createAckGate();
    const res = response();
    gate.track(res);
    const idle = gate.idle();
    expect(await settled(idle, QUIET_MS * 3)).toBe(false);
    res.emit("finish");
    expect(await settled(idle, QUIET_MS * 10)).toBe(true);
  });

  it("never holds work longer than MAX_WAIT_MS, even if a request never finishes", async () => {
    const gate = createAckGate();
    gate.track(response());
    expect(await settled(gate.idle(), MAX_WAIT_MS + 500)).toBe(true);
  });
});
