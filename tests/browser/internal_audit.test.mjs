// Internal audit in a real browser: an audit's checklist is generated from its criteria with one
// button (a second press adds nothing), a finding graded a minor nonconformity is raised as a
// nonconformity from its page and the two refer to each other, and the programme's page lists
// what no audit covers yet.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { aims, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let token;
before(async () => {
  app = await startAims("Audit Co");
  token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

async function api(method, path, body, headers = {}) {
  const response = await fetch(`${app.base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

test("a checklist is generated once, and a finding is raised as a nonconformity from its page", async () => {
  const programme = await api("POST", "/api/v1/audit-programmes", {
    title: "Audit programme 2027", period_start: "2027-01-01", period_end: "2027-12-31", owner_id: 1,
  });
  const audit = await api("POST", "/api/v1/internal-audits", {
    programme_id: programme.id, title: "Monitoring audit", criteria: ["9.1", "A.6.2.6"],
    lead_auditor_id: 1, planned_start: "2027-03-01", planned_end: "2027-03-05",
  });

  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");
  await page.click("nav a:has-text('Internal audits')");
  await page.click("table.data a:has-text('Monitoring audit')");
  const generate = "#checklist button:has-text('Generate the checklist from the criteria')";
  await Promise.all([page.waitForURL(/#checklist$/), page.click(generate)]);
  assert.equal(await page.locator("#checklist table.data tbody tr").count(), 2);
  await Promise.all([page.waitForURL(/#checklist$/), page.click(generate)]);
  assert.equal(await page.locator("#checklist table.data tbody tr").count(), 2, "nothing added twice");
  assert.match(await page.textContent("#checklist"), /Is there evidence that A\.6\.2\.6 AI system operation and monitoring is implemented\?/);

  // Record the finding on the A.6.2.6 item, then raise it from the item's page.
  const items = await api("GET", `/api/v1/audit-items?audit_id=${audit.id}&sort=criterion`);
  const item = items.items.find((i) => i.criterion === "A.6.2.6");
  await api("PATCH", `/api/v1/audit-items/${item.id}`,
            { result: "minor_nc", notes: "No monitor for the fraud model." }, { "If-Match": `"${item.version}"` });
  await page.goto(`${app.base}/evaluation/audit-items/${item.id}`);
  await Promise.all([page.waitForURL(/\/improvement\/nonconformities\/\d+/),
                     page.click("#raise button:has-text('Raise a nonconformity')")]);
  assert.match(await page.textContent("h1"), /Audit finding: Monitoring audit, A\.6\.2\.6/);
  assert.match(await page.textContent("main"), /No monitor for the fraud model\./);
  assert.match(await page.textContent("main"), /Referred to by/);

  // The item now names its nonconformity and no longer offers to raise one.
  await page.goto(`${app.base}/evaluation/audit-items/${item.id}`);
  assert.equal(await page.locator("#raise").count(), 0);
  assert.match(await page.textContent("main"), /Audit finding: Monitoring audit, A\.6\.2\.6/);

  // Without an SoA, the programme must cover the 32 clause requirements; the audit covers 9.1.
  await page.goto(`${app.base}/evaluation/audit-programmes/${programme.id}`);
  assert.match(await page.textContent("#coverage"), /31 of 32 not covered/);
  await page.close();
});
