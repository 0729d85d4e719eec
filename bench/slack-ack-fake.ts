// The fake Slack for the ack benchmark, in its own process (forked with IPC) so its CPU does not compete with
// the bot being measured: a slow fake Hugging Face, and the fake Slack behind a proxy that holds users.info to Slack's Tier 4 (100 calls
// per minute, then 429 + Retry-After). It also plays Slack sending the commands, so the load generator does
// not share the bot's event loop. IPC: {type:"urls"} → response_urls, {type:"burst"} → ack latencies,
// {type:"stats"} → counts.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeHf } from "../test/fakes/fake-hf.js";
import { createFakeSlack } from "../test/fakes/fake-slack.js";
import { signSlackRequest } from "../test/fakes/fake-slack-signer.js";

const USERS_INFO_PER_MINUTE = 100;
const HF_DELAY_MS = Number(process.argv[2] ?? "1500");
const send = (msg: unknown) => process.send?.(msg);

const slack = await createFakeSlack();
// Hugging Face lives here too: in production it is another machine, not work on the bot's event loop.
const hf = await createFakeHf();
hf.setFault(/^\/api\//, { delayMs: HF_DELAY_MS });
const upstream = new URL(slack.baseUrl);
let window = { start: Date.now(), count: 0 };
let usersInfo = 0;
let rateLimited = 0;

const proxy = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.url?.endsWith("/users.info")) {
      usersInfo += 1;
      const now = Date.now();
      if (now - window.start >= 60_000) window = { start: now, count: 0 };
      if (window.count >= USERS_INFO_PER_MINUTE) {
        rateLimited += 1;
        res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
        return void res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      }
      window.count += 1;
    }
    const fwd = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 500, up.headers);
      up.pipe(res);
    });
    fwd.end(Buffer.concat(chunks));
  });
});
await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
const port = (proxy.address() as AddressInfo).port;

/** Plays Slack sending the commands at once: signed POSTs; resolves to each one's time to its ack, ms. */
async function burst(url: string, secret: string, forms: Record<string, string>[]): Promise<number[]> {
  return Promise.all(
    forms.map(async (form) => {
      const body = new URLSearchParams(form).toString();
      const ts = Math.floor(Date.now() / 1000);
      const started = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": signSlackRequest(secret, ts, body) },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`ack was ${res.status}`);
      return performance.now() - started;
    }),
  );
}

type Msg = { type: string; users?: string[]; channel?: string; url?: string; secret?: string; forms?: Record<string, string>[] };
process.on("message", (m: Msg) => {
  if (m.type === "burst") {
    void burst(m.url ?? "", m.secret ?? "", m.forms ?? []).then((latencies) => send({ type: "burst", latencies }));
  } else if (m.type === "urls") {
    send({ type: "urls", urls: (m.users ?? []).map((u) => slack.createResponseUrl(u, m.channel ?? "C0BENCH")) });
  } else if (m.type === "stats") {
    send({ type: "stats", usersInfo, rateLimited, responses: slack.responses.length });
  }
});
send({ type: "ready", apiUrl: `http://127.0.0.1:${port}/api/`, hfUrl: hf.url, arxivUrl: hf.arxivUrl });
