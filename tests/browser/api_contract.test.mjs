// The API keeps its contract: every JSON GET the OpenAPI document lists is called on the seeded
// worked example, and each answer (and a 404 and a 422) is checked against the schema the
// document gives for that status, with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import Ajv2020Module from "ajv/dist/2020.js";
import { aims, freePort } from "./harness.mjs";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const binary = process.env.AIMS_BINARY ?? new URL("../../build/release/aims", import.meta.url).pathname;

// Routes whose answer is not JSON, or that the test calls on purpose elsewhere.
const notJson = new Set(["/healthz", "/metrics", "/api/v1/openapi.json"]);

let server;
let dir;
let base;
let token;
let doc;
let ajv;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "aims-contract-"));
  const db = `sqlite:${join(dir, "aims.db")}`;
  aims(["demo", "seed", "--db", db]);
  token = aims(["token", "create", "--db", db, "--user", "admin@meridian.example", "--name", "contract"]).trim();
  const port = await freePort();
  server = spawn(binary, ["serve", "--db", db, "--listen", `127.0.0.1:${port}`], { stdio: "ignore" });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
  // Formats (date-time, email) are not checked: ajv's format plugin is a separate package.
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(doc, "openapi.json");
});
after(() => {
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

function pointer(...parts) {
  return "#/" + parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
}

// The schema of `status`'s JSON body for `method` on `path` (following a $ref to a shared response).
function responseSchema(path, method, status) {
  let at = pointer("paths", path, method, "responses", status);
  let response = doc.paths[path]?.[method]?.responses?.[status];
  if (response?.$ref) {
    at = response.$ref;
    response = doc.components.responses[response.$ref.split("/").pop()];
  }
  if (!response?.content?.["application/json"]?.schema) return null;
  return ajv.compile({ $ref: `openapi.json${at}/content/application~1json/schema` });
}

async function get(url) {
  const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

function check(path, method, status, body, problems) {
  const validate = responseSchema(path, method, String(status));
  if (!validate) return problems.push(`${method.toUpperCase()} ${path}: no schema for ${status}`);
  if (!validate(body)) {
    problems.push(`${method.toUpperCase()} ${path} ${status}: ${ajv.errorsText(validate.errors)}`);
  }
}

function requiredQuery(operation) {
  const params = (operation.parameters ?? []).map((p) =>
    p.$ref ? doc.components.parameters[p.$ref.split("/").pop()] : p);
  const query = params.filter((p) => p.in === "query" && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(p.example ?? p.schema?.enum?.[0]
      ?? (p.schema?.type === "integer" ? 1 : "credit"))}`);
  return query.length ? `?${query.join("&")}` : "";
}

test("every JSON GET answers as its schema says", async () => {
  const problems = [];
  const firstIds = {};
  // Downloads the document declares as something else than JSON (spreadsheets) are not JSON GETs.
  const answersJson = (p) => doc.paths[p].get.responses?.["200"]?.content?.["application/json"];
  const paths = Object.keys(doc.paths).filter((p) => doc.paths[p].get && !notJson.has(p)
    && answersJson(p) && !p.endsWith("/export") && !p.startsWith("/api/v1/monitor-runs/")
    && !p.startsWith("/api/v1/data-quality-runs/") && !p.startsWith("/api/v1/validation-runs/")
    && !p.startsWith("/api/v1/gate-checks/"));
  // Lists first, so their first item's id fills the {id} of the paths below them.
  const ordered = [...paths.filter((p) => !p.includes("{")), ...paths.filter((p) => p.includes("{"))];
  let checked = 0;
  for (const path of ordered) {
    let url = path;
    if (path.includes("{id}")) {
      const parent = path.slice(0, path.indexOf("/{id}"));
      const id = firstIds[parent];
      if (id === undefined) {
        problems.push(`GET ${path}: no record to read it with (its list is empty or unknown)`);
        continue;
      }
      url = path.replace("{id}", id);
    }
    if (url.includes("{")) continue;  // a second path parameter: read through its own test
    const query = requiredQuery(doc.paths[path].get);
    const { status, body } = await get(url + query);
    // With made-up required parameters (versions to compare) a documented refusal is an answer
    // too; every other GET must succeed.
    if (!query) assert.equal(status, 200, `GET ${url}: ${JSON.stringify(body).slice(0, 300)}`);
    check(path, "get", status, body, problems);
    if (Array.isArray(body.items) && body.items[0]?.id !== undefined) firstIds[path] = body.items[0].id;
    checked++;
  }
  // Runs are listed below a monitor: read them through the first monitor.
  const runs = await get(`/api/v1/monitors/${firstIds["/api/v1/monitors"]}/runs`);
  assert.ok(runs.body.items?.length > 0, "the worked example has monitoring runs");
  const run = await get(`/api/v1/monitor-runs/${runs.body.items[0].id}`);
  assert.equal(run.status, 200);
  check("/api/v1/monitor-runs/{id}", "get", run.status, run.body, problems);
  checked++;
  // Data-quality runs are listed below a dataset: read the first run of a dataset that has one.
  const datasets = await get("/api/v1/datasets");
  let qualityRun;
  for (const dataset of datasets.body.items ?? []) {
    const runs = await get(`/api/v1/datasets/${dataset.id}/quality-runs`);
    qualityRun = runs.body.items?.[0];
    if (qualityRun) break;
  }
  assert.ok(qualityRun, "the worked example has a data-quality run");
  const quality = await get(`/api/v1/data-quality-runs/${qualityRun.id}`);
  assert.equal(quality.status, 200);
  check("/api/v1/data-quality-runs/{id}", "get", quality.status, quality.body, problems);
  checked++;
  // Validation runs are listed below a validation (its runs list was checked above).
  const validationRuns = await get(`/api/v1/validations/${firstIds["/api/v1/validations"]}/runs`);
  assert.ok(validationRuns.body.items?.length > 0, "the worked example has validation runs");
  const validationRun = await get(`/api/v1/validation-runs/${validationRuns.body.items[0].id}`);
  assert.equal(validationRun.status, 200);
  check("/api/v1/validation-runs/{id}", "get", validationRun.status, validationRun.body, problems);
  checked++;
  // Gate checks are listed below an AI system: read the first check of a system that has one.
  let gateCheck;
  for (const system of (await get("/api/v1/ai-systems")).body.items ?? []) {
    gateCheck = (await get(`/api/v1/ai-systems/${system.id}/gate-checks`)).body.items?.[0];
    if (gateCheck) break;
  }
  assert.ok(gateCheck, "the worked example has gate checks");
  const gate = await get(`/api/v1/gate-checks/${gateCheck.id}`);
  assert.equal(gate.status, 200);
  check("/api/v1/gate-checks/{id}", "get", gate.status, gate.body, problems);
  checked++;
  assert.deepEqual(problems, []);
  // The worked example has records in every register, so nearly every GET was really checked.
  assert.ok(checked >= 30, `only ${checked} operations were checked`);
});

test("errors answer with the documented error body", async () => {
  const problems = [];
  const missing = await get("/api/v1/ai-systems/999999999");
  assert.equal(missing.status, 404);
  check("/api/v1/ai-systems/{id}", "get", 404, missing.body, problems);

  const res = await fetch(`${base}/api/v1/incidents`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "", severity: "apocalyptic" }),
  });
  const body = await res.json();
  assert.equal(res.status, 422);
  check("/api/v1/incidents", "post", 422, body, problems);
  // Every problem is named at once, each with its field.
  const fields = body.error.problems.map((p) => p.field).sort();
  assert.ok(fields.includes("severity") && fields.includes("title"), JSON.stringify(body));
  assert.deepEqual(problems, []);
});
