// Risk management in a real browser: add a risk from the library for an AI system, score it,
// find it on the heat map where the criteria place it, and have its acceptance above the
// threshold refused to its owner and approved by another person.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, aims, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let token;
before(async () => {
  app = await startAims("Risk Co");
  aims(["user", "add", "--db", app.db, "--org", "Risk Co", "--email", "manager@browser.test",
        "--name", "Mia Manager", "--role", "aims-manager"], { AIMS_USER_PASSWORD: PASSWORD });
  token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

async function api(path, options = {}) {
  const response = await fetch(`${app.base}${path}`, {
    ...options,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...options.headers },
  });
  return { status: response.status, body: await response.json() };
}

// The tooltip of the heat map cell at likelihood `l`, impact `i` (rows are drawn top down from
// the most likely, so the cell is found by its own words, not its position).
async function cellTitle(page, l, i) {
  const titles = await page.$$eval("svg.grid-chart g.cell > title", (all) => all.map((t) => t.textContent));
  return titles.find((t) => t.includes(`(likelihood ${l}, impact ${i})`));
}

test("a library risk is scored and placed on the heat map, and accepted above the threshold only by another person", async () => {
  const system = await api("/api/v1/ai-systems", {
    method: "POST",
    body: JSON.stringify({ name: "Loan pricing", purpose: "Price personal loans", org_role: "provider", owner_id: 1 }),
  });
  assert.equal(system.status, 201, JSON.stringify(system.body));

  const owner = await browser.newPage();
  await signIn(owner, app.base, "admin@browser.test");
  await owner.click("nav a:has-text('Risk library')");
  const card = owner.locator("section#data-drift");
  await card.locator("select[name=system_id]").selectOption({ label: "Loan pricing" });
  await card.locator("input[name=title]").fill("Loan pricing drifts");
  await Promise.all([owner.waitForURL(/\/risk\/risks\/\d+$/), card.locator("button[type=submit]").click()]);
  const riskUrl = owner.url();
  assert.match(await owner.textContent("main"), /Loan pricing drifts/);
  assert.match(await owner.textContent(".workflow h2"), /Identified/);

  // Scored in the form: inherent 4 x 4 = 16 and residual 4 x 3 = 12, both "high" under aims'
  // default criteria (product <= 4 low, <= 9 medium, <= 16 high, else critical; risk/criteria.cpp),
  // whose threshold is medium.
  await owner.goto(`${riskUrl}/edit`);
  await owner.fill("#f-inherent_likelihood", "4");
  await owner.fill("#f-inherent_impact", "4");
  await owner.fill("#f-residual_likelihood", "4");
  await owner.fill("#f-residual_impact", "3");
  await owner.selectOption("#f-treatment", "modify");
  await Promise.all([owner.waitForURL(/notice=saved/), owner.click("button:has-text('Save changes')")]);
  const details = await owner.textContent("main");
  assert.match(details, /Inherent level\s*High/);
  assert.match(details, /Residual level\s*High/);

  // On the heat map: hollow for inherent at (4, 4), solid for residual at (4, 3), both above the
  // threshold and so outlined.
  await owner.click("nav a:has-text('Heat map')");
  const inherent = await cellTitle(owner, 4, 4);
  assert.match(inherent, /^High/);
  assert.match(inherent, /Inherent: Loan pricing drifts/);
  assert.match(await cellTitle(owner, 4, 3), /Residual: Loan pricing drifts/);
  // Products of 10 or more: (2,5) (5,2) (3,4) (4,3) (3,5) (5,3) (4,4) (4,5) (5,4) (5,5).
  assert.equal(await owner.locator("svg.grid-chart g.cell.outlined").count(), 10,
               "cells above medium under the default matrix");
  assert.match(await owner.textContent("table.data"), /Loan pricing drifts/);

  // Assessed; the owner cannot accept a high residual risk alone: only a request is offered.
  await owner.goto(riskUrl);
  await owner.fill("#t-assess-reason", "Scored with the data team");
  await Promise.all([owner.waitForURL(/notice=moved/), owner.click("button:has-text('Mark assessed')")]);
  assert.equal(await owner.locator("button:has-text('Accept residual risk')").count(), 0);
  assert.match(await owner.textContent(".workflow"), /above the acceptance threshold \(Medium\)/);
  await owner.fill("#t-request_acceptance-reason", "Monthly recalibration keeps the drift small");
  await Promise.all([owner.waitForURL(/notice=moved/),
                     owner.click("button:has-text('Request acceptance above threshold')")]);
  assert.match(await owner.textContent(".workflow h2"), /Acceptance requested/);
  // The owner may not approve their own risk's acceptance.
  assert.equal(await owner.locator("button:has-text('Approve acceptance')").count(), 0);
  assert.match(await owner.textContent(".workflow"), /separation of duties/);

  const manager = await browser.newPage();
  await signIn(manager, app.base, "manager@browser.test");
  await manager.goto(riskUrl);
  await manager.fill("#t-approve_acceptance-reason", "Accepted for one quarter; revisit after recalibration");
  await Promise.all([manager.waitForURL(/notice=moved/), manager.click("button:has-text('Approve acceptance')")]);
  assert.match(await manager.textContent(".workflow h2"), /Accepted/);
  assert.match(await manager.textContent(".workflow"), /approved by manager@browser\.test/);
});
