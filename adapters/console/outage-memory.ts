// Hugging Face being down, remembered for a short while in the console. The client's own retries make each
// failing request take seconds; at a prompt, every command would wait that long again just to fail. After one
// failure (or a call outliving `deadlineMs`), calls fail at once for `rememberMs`, with the same plain message.
// Console only: the bot and `npm run deliver` keep the production retry behaviour of src/hf.
import { UpstreamError } from "../../src/errors.js";
import type { PaperSource } from "../../src/hf/source.js";

export interface OutageMemoryConfig {
  /** How long a failure is remembered, ms. */
  rememberMs?: number;
  /** A call that takes longer than this counts as a failure, ms (a silently dropped connection). */
  deadlineMs?: number;
  now?: () => number;
}

export function rememberOutages(source: PaperSource, config: OutageMemoryConfig = {}): PaperSource {
  const { rememberMs = 60_000, deadlineMs = 8_000, now = Date.now } = config;
  let downUntil = 0;

  async function call<T>(run: () => Promise<T>): Promise<T> {
    if (now() < downUntil) {
      throw new UpstreamError("huggingface", 0, { message: "Hugging Face failed moments ago; not asking again yet" });
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UpstreamError("huggingface", 0, { message: `no answer within ${deadlineMs} ms` })),
        deadlineMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([run(), deadline]);
    } catch (err) {
      if (err instanceof UpstreamError) downUntil = now() + rememberMs;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    daily: (date) => call(() => source.daily(date)),
    search: (query, limit) => call(() => source.search(query, limit)),
    paper: (id) => call(() => source.paper(id)),
    ...(source.trending ? { trending: () => call(() => source.trending!()) } : {}),
  };
}
