// PUBLIC_URL: where the feed links paperboy hands out point. Defaults to this machine's PORT; a bad value stops
// boot with the key named, like every other setting.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, publicUrl } from "../../../src/config.js";

describe("PUBLIC_URL", () => {
  it("defaults to http://localhost:PORT and drops a trailing slash", () => {
    expect(publicUrl(loadConfig({}))).toBe("http://localhost:3000");
    expect(publicUrl(loadConfig({ PORT: "8080", PUBLIC_URL: "" }))).toBe("http://localhost:8080");
    expect(publicUrl(loadConfig({ PUBLIC_URL: " https://papers.example.org/ " }))).toBe("https://papers.example.org");
    expect(publicUrl(loadConfig({ PUBLIC_URL: "https://example.org/paperboy/" }))).toBe("https://example.org/paperboy");
  });

  it("rejects anything but an http(s) URL, naming the key", () => {
    for (const bad of ["papers.example.org", "ftp://example.org", "javascript:alert(1)"]) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(ConfigError);
      try {
        loadConfig({ PUBLIC_URL: bad });
      } catch (err) {
        expect((err as ConfigError).problems).toEqual(["PUBLIC_URL: must be an http(s) URL, like https://paperboy.example.org"]);
      }
    }
  });
});
