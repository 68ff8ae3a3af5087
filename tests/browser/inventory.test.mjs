// The inventory in a real browser: create an AI system through the form, find it through the
// list's search; a viewer gets no create or edit controls.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
before(async () => {
  app = await startAims("Inventory Co");
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

test("create an AI system through the form and find it through the list's search", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");
  await page.click("nav a:has-text('AI systems')");
  await page.click("text=New AI system");
  await page.fill("#f-name", "Mortgage affordability checker");
  await page.fill("#f-purpose", "Estimates whether a mortgage is affordable for an applicant.");
  await page.selectOption("#f-org_role", "provider");
  await page.selectOption("#f-eu_ai_act_class", "high_risk");
  await page.selectOption("#f-annex_iii_area", "essential_services");
  await page.fill("#f-eu_class_rationale", "Creditworthiness of natural persons, Annex III 5(b).");
  await page.selectOption("#f-risk_tier", "critical");
  await page.fill("#f-tags", "mortgage\ncredit");
  await Promise.all([page.waitForURL(/\/inventory\/systems\/\d+\?notice=created/), page.click("text=Create AI system")]);
  assert.equal(await page.textContent("h1.page-title"), "Mortgage affordability checker");
  assert.match(await page.textContent(".notice-success"), /AI system created/);

  await page.goto(`${app.base}/inventory/systems`);
  await page.fill("#q", "affordab");
  await Promise.all([page.waitForURL(/q=affordab/), page.click("button:has-text('Apply')")]);
  const rows = page.locator("table.data tbody tr");
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /Mortgage affordability checker/);
  assert.match(await rows.first().textContent(), /High-risk/);

  await page.fill("#q", "no such system anywhere");
  await Promise.all([page.waitForURL(/q=no/), page.click("button:has-text('Apply')")]);
  assert.match(await page.textContent("table.data tbody"), /No AI systems match/);
  await page.close();
});

test("the form names the field a rule rejects and keeps what was typed", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");
  await page.goto(`${app.base}/inventory/systems/new`);
  await page.fill("#f-name", "Half-classified system");
  await page.fill("#f-purpose", "Something high-risk without its basis.");
  await page.selectOption("#f-org_role", "deployer");
  await page.selectOption("#f-eu_ai_act_class", "high_risk");
  await page.fill("#f-eu_class_rationale", "Because.");
  await page.click("text=Create AI system");
  assert.match(await page.textContent(".field.invalid .field-error"), /Annex III area or its Annex I product/);
  assert.equal(await page.inputValue("#f-name"), "Half-classified system");
  await page.close();
});

test("a viewer can read the inventory but sees no create or edit controls", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "viewer@browser.test");
  await page.goto(`${app.base}/inventory/systems`);
  assert.equal(await page.locator("text=New AI system").count(), 0);
  assert.equal(await page.locator("text=Import CSV").count(), 0);
  assert.equal(await page.locator("text=Export CSV").count(), 1, "viewers may export");
  await page.click("table.data tbody a");
  assert.equal(await page.locator("a:has-text('Edit')").count(), 0);
  assert.equal(await page.locator("button:has-text('Archive')").count(), 0);
  const response = await page.goto(`${app.base}/inventory/systems/new`);
  assert.equal(response.status(), 403);
  await page.close();
});
