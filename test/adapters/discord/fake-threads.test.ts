// The fake Discord's threads and forums behave like Discord's where the posting-mode and journal-club tests depend
// on it: a thread from a message shares its id and is refused a second time (160004), forum posts need their
// forum's own tags, posting straight into a forum is refused, and editing a forum's tags needs Manage Channels.
import { afterEach, describe, expect, it } from "vitest";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function call(f: FakeDiscord, method: string, path: string, body?: unknown) {
  const res = await fetch(`${f.apiUrl}/v10${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bot ${f.token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

const quiet = { allowed_mentions: { parse: [] } };

describe("fake Discord threads and forums", () => {
  it("starts one thread per message, with the message's id, and takes messages in it", async () => {
    const f = (fake = await createFakeDiscord());
    const posted = await call(f, "POST", `/channels/${f.world.channel.id}/messages`, { content: "header", ...quiet });
    const id = String(posted.json.id);
    const thread = await call(f, "POST", `/channels/${f.world.channel.id}/messages/${id}/threads`, { name: "Daily papers" });
    expect(thread).toMatchObject({ status: 201, json: { id, type: 11, parent_id: f.world.channel.id, name: "Daily papers" } });
    expect((await call(f, "POST", `/channels/${f.world.channel.id}/messages/${id}/threads`, { name: "again" })).json).toMatchObject({ code: 160004 });
    expect((await call(f, "POST", `/channels/${f.world.channel.id}/messages/${id}/threads`, { name: "x".repeat(101) })).status).toBe(400);
    const reply = await call(f, "POST", `/channels/${id}/messages`, { content: "paper", ...quiet });
    expect(reply.json).toMatchObject({ channel_id: id });
    expect(f.state.channelMessages(id)).toHaveLength(1);
    // No thread inside a thread.
    expect((await call(f, "POST", `/channels/${id}/messages/${String(reply.json.id)}/threads`, { name: "n" })).json).toMatchObject({ code: 50024 });
    const active = await call(f, "GET", `/guilds/${f.world.guildId}/threads/active`);
    expect(active.json.threads).toEqual([expect.objectContaining({ id })]);
  });

  it("creates forum posts with the forum's own tags and refuses plain messages there", async () => {
    const f = (fake = await createFakeDiscord());
    const forum = f.addForum({ tags: ["NVIDIA", "diffusion"] });
    const [nvidia] = forum.availableTags ?? [];
    const post = await call(f, "POST", `/channels/${forum.id}/threads`, { name: "A paper", applied_tags: [nvidia?.id], message: { content: "card", ...quiet } });
    expect(post).toMatchObject({ status: 201, json: { type: 11, parent_id: forum.id, applied_tags: [nvidia?.id] } });
    expect((post.json.message as { id: string; channel_id: string }).id).toBe(post.json.id);
    expect(f.state.messages.get(String(post.json.id))?.channelId).toBe(post.json.id);
    expect((await call(f, "POST", `/channels/${forum.id}/threads`, { name: "A", applied_tags: ["123"], message: { content: "c", ...quiet } })).status).toBe(400);
    expect((await call(f, "POST", `/channels/${forum.id}/threads`, { name: "A" })).status).toBe(400);
    expect((await call(f, "POST", `/channels/${forum.id}/messages`, { content: "x", ...quiet })).json).toMatchObject({ code: 50024 });
    f.state.audit({ content: "ok", ...quiet });
    expect(f.state.violations.allowedMentions).toHaveLength(0);
  });

  it("lets only a bot with Manage Channels add forum tags, at most 20 of at most 20 characters", async () => {
    const f = (fake = await createFakeDiscord());
    const locked = f.addForum({ tags: ["a"] });
    expect((await call(f, "PATCH", `/channels/${locked.id}`, { available_tags: [{ name: "b" }] })).json).toMatchObject({ code: 50013 });
    const forum = f.addForum({ tags: ["a"], botCanManage: true });
    const kept = forum.availableTags?.[0];
    const edited = await call(f, "PATCH", `/channels/${forum.id}`, { available_tags: [{ id: kept?.id, name: "a" }, { name: "robotics" }] });
    expect(edited.status).toBe(200);
    expect(forum.availableTags?.map((t) => t.name)).toEqual(["a", "robotics"]);
    expect(forum.availableTags?.[0]?.id).toBe(kept?.id);
    expect((await call(f, "PATCH", `/channels/${forum.id}`, { available_tags: [{ name: "x".repeat(21) }] })).status).toBe(400);
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `t${i}` }));
    expect((await call(f, "PATCH", `/channels/${forum.id}`, { available_tags: many })).status).toBe(400);
  });
});
