import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rule in eslint.config.mjs, shown on imports a newcomer might write. Each case lints
// a file that is not on disk at a path inside the tree, so the rule sees it where it would live.
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "boundaries/dependencies").map((m) => m.message);
}

describe("npm run lint keeps imports running one way", () => {
  it("refuses an import that goes up a layer", async () => {
    const errors = await layerErrors("lib/exchange/wrong.ts", 'import { submitRequest } from "@/lib/requests/submit-request";\nexport const x = submitRequest;\n');
    expect(errors).toEqual([expect.stringContaining("lib/exchange may not import lib/requests")]);
  }, 30_000);

  it("refuses a folder-level cycle inside a layer (requests is used by bulk, so it may not use bulk)", async () => {
    const errors = await layerErrors("lib/requests/wrong.ts", 'import { runBulk } from "../bulk/run-bulk";\nexport const x = runBulk;\n');
    expect(errors).toEqual([expect.stringContaining("lib/requests may not import lib/bulk")]);
  });

  it("refuses lib importing app, and production code importing tests", async () => {
    expect(await layerErrors("lib/audit/wrong.ts", 'import Page from "@/app/page";\nexport const x = Page;\n')).toEqual([expect.stringContaining("may not import app")]);
    expect(await layerErrors("app/wrong.ts", 'import { VirtualClock } from "@/tests/support/virtual-clock";\nexport const x = VirtualClock;\n')).toEqual([expect.stringContaining("app may not import tests")]);
  });

  it("accepts imports that go down", async () => {
    expect(await layerErrors("lib/requests/fine.ts", 'import { ExchangeError } from "@/lib/exchange/errors";\nexport const x = ExchangeError;\n')).toEqual([]);
    expect(await layerErrors("app/fine.ts", 'import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n')).toEqual([]);
  });
});

describe("LIB_LAYERS", () => {
  it("places every folder of lib/ (a file directly in lib/ or a folder left out would go unchecked)", async () => {
    const config = pathToFileURL(path.resolve("eslint.config.mjs")).href;
    const { LIB_LAYERS } = (await import(config)) as { LIB_LAYERS: string[] };
    const entries = readdirSync("lib", { withFileTypes: true });
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual([]);
    expect(entries.map((e) => e.name).sort()).toEqual([...LIB_LAYERS].sort());
  });
});
