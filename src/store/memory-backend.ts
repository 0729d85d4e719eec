// memory:// — the backend contract over Maps in this process. memory:// is a fresh store per open;
// memory://NAME is one store per NAME shared by every open in this process (a test can "restart" or run the
// bot and `deliver` side by side). Atomic only within one process: nothing is shared with another one.
import { expiresAt, type ScoredMember, type StoreBackend } from "./backend.js";

interface MemoryState {
  kv: Map<string, { value: string; expires: number | null }>;
  sets: Map<string, Set<string>>;
  index: Map<string, Map<string, number>>;
  leases: Map<string, { owner: string; expires: number }>;
}

const named = new Map<string, MemoryState>();

function stateFor(name: string): MemoryState {
  const existing = name === "" ? undefined : named.get(name);
  if (existing) return existing;
  const state: MemoryState = { kv: new Map(), sets: new Map(), index: new Map(), leases: new Map() };
  if (name !== "") named.set(name, state);
  return state;
}

export function openMemoryBackend(name: string): StoreBackend {
  const { kv, sets, index, leases } = stateFor(name);
  const live = (key: string) => {
    const entry = kv.get(key);
    if (entry && entry.expires !== null && entry.expires <= Date.now()) {
      kv.delete(key);
      return undefined;
    }
    return entry;
  };
  const setOf = (set: string) => {
    let members = sets.get(set);
    if (!members) sets.set(set, (members = new Set()));
    return members;
  };
  const indexOf = (name: string) => {
    let scores = index.get(name);
    if (!scores) index.set(name, (scores = new Map()));
    return scores;
  };
  return {
    kind: "memory",
    separator: ":",
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlMs) => {
      kv.set(key, { value, expires: expiresAt(ttlMs) });
    },
    delete: async (key) => live(key) !== undefined && kv.delete(key),
    setIfAbsent: async (key, value, ttlMs) => {
      if (live(key)) return false;
      kv.set(key, { value, expires: expiresAt(ttlMs) });
      return true;
    },
    keys: async (prefix) => [...kv.keys()].filter((key) => key.startsWith(prefix) && live(key)),
    deletePrefix: async (prefix) => {
      for (const key of [...kv.keys()]) if (key.startsWith(prefix)) kv.delete(key);
    },
    sets: {
      add: async (set, member) => !setOf(set).has(member) && Boolean(setOf(set).add(member)),
      remove: async (set, member) => setOf(set).delete(member),
      members: async (set) => [...setOf(set)],
    },
    index: {
      put: async (name, member, score, options) => {
        const scores = indexOf(name);
        if (!options?.onlyIfAbsent || !scores.has(member)) scores.set(member, score);
      },
      remove: async (name, member) => {
        indexOf(name).delete(member);
      },
      range: async (name, options = {}) => {
        const max = options.max ?? Infinity;
        const found: ScoredMember[] = [];
        for (const [member, score] of indexOf(name)) if (score <= max) found.push({ member, score });
        found.sort((a, b) => a.score - b.score || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
        return options.limit === undefined ? found : found.slice(0, options.limit);
      },
    },
    leases: {
      tryAcquire: async (key, owner, ttlMs) => {
        const now = Date.now();
        const current = leases.get(key);
        if (current && current.expires > now && current.owner !== owner) return false;
        leases.set(key, { owner, expires: now + ttlMs });
        return true;
      },
      renew: async (key, owner, ttlMs) => {
        const current = leases.get(key);
        if (current?.owner !== owner || current.expires <= Date.now()) return false;
        current.expires = Date.now() + ttlMs;
        return true;
      },
      release: async (key, owner) => {
        if (leases.get(key)?.owner === owner) leases.delete(key);
      },
    },
    close: async () => {},
  };
}
