// AIMS roles and competence in a real browser: add the standard roles once, appoint a holder whose
// role requires a competence, see the gap on the competence matrix, follow its link to a training
// form for that person, and see the gap closed with the expiry worked out from the course.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { aims, apiWith, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let api;
before(async () => {
  app = await startAims("Roles Co");
  api = apiWith(app, aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

function stat(text, label) {
  return Number(text.match(new RegExp(`${label}\\s*(\\d+)`, "i"))[1]);
}

test("a gap on the competence matrix leads to the training that closes it", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");

  // The standard roles: five added the first time, none the second.
  await page.click("nav a:has-text('Standard AIMS roles')");
  await Promise.all([page.waitForURL(/added=5/), page.click("button:has-text('Add the 5 missing standard roles')")]);
  assert.match(await page.textContent("main"), /Standard roles added: 5/);
  assert.equal(await page.locator("button:has-text('missing standard roles')").count(), 0);
  assert.equal((await api("/api/v1/standard-aims-roles", { method: "POST", body: "{}" })).status, 200);

  // The AIMS manager must know ISO/IEC 42001; Ada (user 1) holds the role, with no training yet.
  const competence = await api("/api/v1/competences", {
    method: "POST", body: JSON.stringify({ name: "ISO/IEC 42001", category: "management" }) });
  assert.equal(competence.status, 201, JSON.stringify(competence.body));
  const course = await api("/api/v1/courses", {
    method: "POST",
    body: JSON.stringify({ title: "Lead implementer", competence_ids: [competence.body.id], validity_months: 12 }),
  });
  assert.equal(course.status, 201, JSON.stringify(course.body));
  const roles = await api("/api/v1/aims-roles?q=manager");
  const manager = roles.body.items.find((r) => r.name === "AIMS manager");
  const updated = await api(`/api/v1/aims-roles/${manager.id}`, {
    method: "PATCH", headers: { "If-Match": `"${manager.version}"` },
    body: JSON.stringify({ competence_ids: [competence.body.id] }),
  });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  const appointed = await api("/api/v1/role-assignments", {
    method: "POST", body: JSON.stringify({ person_id: 1, role_id: manager.id, from_date: "2026-01-05" }) });
  assert.equal(appointed.status, 201, JSON.stringify(appointed.body));

  await page.click("nav a:has-text('Competence matrix')");
  let text = await page.textContent("main");
  assert.equal(stat(text, "Gaps"), 1);
  assert.equal(stat(text, "Held"), 0);
  assert.match(await page.textContent("table.data"), /Ada Admin[\s\S]*AIMS manager[\s\S]*Gap/);

  // The gap's link opens a training record for Ada, completed on the first of this month: valid for
  // 12 months, so until the first of the same month next year, which is always ahead.
  const now = new Date();
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  const completed = `${now.getUTCFullYear()}-${month}-01`;
  const expires = `${now.getUTCFullYear() + 1}-${month}-01`;
  await Promise.all([page.waitForURL(/\/roles\/training\/new\?person_id=1$/),
                     page.click("a[aria-label='Add training in ISO/IEC 42001 for Ada Admin']")]);
  assert.equal(await page.locator("#f-person_id option:checked").textContent().then((t) => t.startsWith("Ada Admin")), true);
  await page.selectOption("#f-course_id", { label: "Lead implementer" });
  await page.fill("#f-completed_on", completed);
  await Promise.all([page.waitForURL(/\/roles\/training\/\d+/), page.click("button:has-text('Create training record')")]);
  assert.match(await page.textContent("main"), new RegExp(`Expires on\\s*${expires}`));

  await page.click("nav a:has-text('Competence matrix')");
  text = await page.textContent("main");
  assert.equal(stat(text, "Gaps"), 0);
  assert.equal(stat(text, "Held") + stat(text, "Expiring"), 1);
  assert.match(await page.textContent("table.data"), new RegExp(`until ${expires}`));
});
