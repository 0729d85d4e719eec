// Acks first, work second — across requests too. Slack's 3-second clock runs for every request still waiting
// for its ack, and a command's own work (Hugging Face calls, rendering, answering) costs several times the CPU
// of an ack. So during a burst, work starts only once no request has been waiting for QUIET_MS, or after at
// most MAX_WAIT_MS, so a steady stream of requests never starves the work.
import type { ServerResponse } from "node:http";

export const QUIET_MS = 30;
export const MAX_WAIT_MS = 1000;

export interface AckGate {
  /** Counts a request as waiting for its ack until its response is sent. */
  track(res: ServerResponse): void;
  /** Resolves once requests have stopped waiting for QUIET_MS (at once when none came lately), or after MAX_WAIT_MS. */
  idle(): Promise<void>;
}

export function createAckGate(now: () => number = performance.now.bind(performance)): AckGate {
  let waiting = 0;
  let lastActivity = -Infinity;
  let waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  const check = () => {
    timer = undefined;
    if (waiters.length === 0) return;
    const quietFor = now() - lastActivity;
    if (waiting === 0 && quietFor >= QUIET_MS) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
      return;
    }
    timer = setTimeout(check, Math.max(1, QUIET_MS - (waiting === 0 ? quietFor : 0)));
    timer.unref();
  };
  return {
    track(res) {
      waiting += 1;
      lastActivity = now();
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        waiting -= 1;
        lastActivity = now();
      };
      res.once("finish", finish);
      res.once("close", finish);
    },
    idle() {
      if (waiting === 0 && now() - lastActivity >= QUIET_MS) return Promise.resolve();
      return new Promise((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, MAX_WAIT_MS).unref();
        timer ??= setTimeout(check, QUIET_MS).unref();
      });
    },
  };
}
