// ESLint: Next.js's and typescript-eslint's recommended rules, plus the layer rule that keeps
// imports running one way (the guide: app → lib/{requests,bulk,reports,jobs} →
// lib/{cmdlets,workflow,audit,policy} → lib/exchange, lib/db).
import boundaries from "eslint-plugin-boundaries";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Every folder (or top-level file) of lib/, top layer first. A module may import only what is
// listed AFTER its own entry, so the order is also the proof that no folder-level cycle exists.
// Within the guide's layers the order says who uses whom: bulk and reports build on requests,
// which builds on jobs; policy reads the session (auth), which writes the audit; the audit
// reads the status table (workflow) and the cmdlet catalogue.
export const LIB_LAYERS = [
  "action", // the server-action and route wrapper with its rate limits, used only by app/
  "bulk",
  "reports",
  "requests",
  "jobs",
  "notifications", // the outbox, its sender and the in-app list; requests, bulk and reports tell it what happened
  "policy",
  "templates", // automatic-reply templates and their placeholders
  "auth",
  "audit",
  "cmdlets",
  "workflow",
  "exchange",
  "metrics",
  "db",
  "html",
  "forms",
  "time",
  "log",
  "env",
  "security",
  "errors",
  "http",
  "generated",
];

const libElement = (name) => ({ type: `lib/${name}`, pattern: `lib/${name}`, partialMatch: false });

// Production code in lib/X may not import lib/Y listed before X, nor app/, scripts/ or tests/.
// Test files beside the code may reach further (a test of lib/security may stub lib/env).
const production = { categories: { noneOf: ["test"] } };
const layerPolicies = LIB_LAYERS.map((name, index) => ({
  from: { element: { type: `lib/${name}` }, file: production },
  disallow: { to: { element: { types: { anyOf: ["app", "scripts", "root", "tests", ...LIB_LAYERS.slice(0, index).map((above) => `lib/${above}`)] } } } },
}));

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", ".data/**", "test-results/**", "playwright-report/**"] },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { boundaries },
    settings: {
      "boundaries/include": ["app/**", "lib/**", "scripts/**", "tests/**", "*.ts", "*.mjs"],
      "boundaries/elements": [
        { type: "app", pattern: "app", partialMatch: false },
        ...LIB_LAYERS.map(libElement),
        { type: "scripts", pattern: "scripts", partialMatch: false },
        { type: "tests", pattern: "tests", partialMatch: false },
      ],
      "boundaries/files": [
        { category: "test", pattern: "**/*.test.{ts,tsx}" },
        { category: "source", pattern: "**/*.{ts,tsx,mjs}" },
      ],
    },
    rules: {
      // `const { page: _page, ...filters } = query` drops a field on purpose.
      "@typescript-eslint/no-unused-vars": ["warn", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          message: "Imports run one way: see LIB_LAYERS in eslint.config.mjs ({{from.type}} may not import {{to.type}})",
          policies: [
            ...layerPolicies,
            // app/ is production code too: it never imports tests/ or scripts/.
            { from: { element: { type: "app" }, file: production }, disallow: { to: { element: { types: { anyOf: ["tests", "scripts"] } } } } },
          ],
        },
      ],
    },
  },
  // React's hook rules are for app/ (React code); scripts and tests name fixtures use… as Vitest does.
  { files: ["scripts/**", "tests/**"], rules: { "react-hooks/rules-of-hooks": "off", "react-hooks/immutability": "off", "react-hooks/globals": "off" } },
];

export default config;
