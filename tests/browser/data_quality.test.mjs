// A data-quality run from upload to flag in a real browser: the data scientist uploads an extract
// of the training data on the dataset's data-quality page, sees the representativeness requirement
// not met with its group shares, and finds the under-representation flagged on the AI system that
// uses the dataset through its model, and on their own My work as the dataset's steward.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, aims, apiWith, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let ids = {};
before(async () => {
  app = await startAims("Quality Co");
  aims(["user", "add", "--db", app.db, "--org", "Quality Co", "--email", "scientist@browser.test",
        "--name", "Sam Scientist", "--role", "contributor"], { AIMS_USER_PASSWORD: PASSWORD });
  const token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  const api = apiWith(app, token);
  const me = await api("/api/v1/users");
  const scientist = me.body.items.find((u) => u.email === "scientist@browser.test").id;
  const post = async (path, body) => {
    const r = await api(path, { method: "POST", body: JSON.stringify(body) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  ids.dataset = await post("/api/v1/datasets", { name: "Loan applications", source: "origination", steward_id: scientist });
  ids.model = await post("/api/v1/models", { name: "PD model", model_version: "1", model_type: "classifier", dataset_ids: [ids.dataset] });
  ids.system = await post("/api/v1/ai-systems", { name: "Credit scoring", purpose: "Scores loan applications",
    org_role: "deployer", owner_id: scientist, model_ids: [ids.model] });
  await post("/api/v1/data-quality-requirements", { name: "Age bands as applicants", dataset_id: ids.dataset,
    kind: "representativeness", group_column: "age_band", target_shares: "18-40: 0.5, 41-64: 0.3, 65+: 0.2", tolerance: 0.8 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

test("a data-quality run from upload to flag", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "scientist@browser.test");
  await page.goto(`${app.base}/inventory/datasets/${ids.dataset}`);
  await page.click("#data-quality a:has-text('Requirements and runs')");
  // 20 rows: 65+ is 1 of them (5 %), below its minimum of 20 % x 0.8 = 16 %.
  const rows = ["age_band,income", ...Array(11).fill("18-40,100"), ...Array(8).fill("41-64,200"), "65+,300"];
  await page.setInputFiles("#file", { name: "extract.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n") + "\n") });
  await Promise.all([page.waitForURL(/\/data\/quality-runs\/\d+$/), page.click("button:has-text('Check against the requirements')")]);
  const run = await page.textContent("main");
  assert.match(run, /1 requirement not met/);
  assert.match(run, /under-represents: age_band 65\+ at 5 %, minimum 16 %/);
  assert.match(run, /extract\.csv/);
  assert.equal(await page.locator("svg.chart rect").count(), 3);

  await page.goto(`${app.base}/inventory/systems/${ids.system}`);
  assert.match(await page.textContent("#data-quality"), /Loan applications under-represents a group[\s\S]*65\+ at 5 %/);

  await page.goto(`${app.base}/my-work`);
  assert.match(await page.textContent("main"), /Datasets that under-represent a group[\s\S]*Loan applications/);
});
