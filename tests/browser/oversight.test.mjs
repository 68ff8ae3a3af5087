// The oversight queue from the keyboard alone: a reviewer tabs from the system filter to the first
// held decision's Confirm button (its focus visible) and confirms it with Enter, then tabs through
// the next one's outcome and reason fields and overrides it; the production system's poll then
// reads the final outcomes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, aims, apiWith, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let api;
const ids = {};
before(async () => {
  app = await startAims("Oversight Co");
  aims(["user", "add", "--db", app.db, "--org", "Oversight Co", "--email", "manager@browser.test",
        "--name", "Mia Manager", "--role", "aims-manager"], { AIMS_USER_PASSWORD: PASSWORD });
  const token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  const managerToken = aims(["token", "create", "--db", app.db, "--user", "manager@browser.test", "--name", "approve"]).trim();
  api = apiWith(app, token);
  const post = async (path, body, status = 201, as = api) => {
    const r = await as(path, { method: "POST", body: JSON.stringify(body) });
    assert.equal(r.status, status, JSON.stringify(r.body));
    return r.body;
  };
  const users = await api("/api/v1/users");
  const admin = users.body.items.find((u) => u.email === "admin@browser.test").id;
  ids.system = (await post("/api/v1/ai-systems", { name: "Loan decisions", purpose: "Decides small loans",
    org_role: "deployer", owner_id: admin })).id;
  const plan = await post("/api/v1/oversight-plans", { name: "Loans: every decision", ai_system_id: ids.system,
    acceptable_use: "Small consumer loans only.", mode: "every", reviewer_role: "contributor", target_hours: 4 });
  const approved = await apiWith(app, managerToken)(`/api/v1/oversight-plans/${plan.id}/transitions`,
    { method: "POST", body: JSON.stringify({ transition: "approve" }), headers: { "If-Match": "\"1\"" } });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const submit = `/api/v1/ai-systems/${ids.system}/oversight/decisions`;
  // The production system submits with its own account's token; the admin reviews in the browser.
  const production = apiWith(app, managerToken);
  ids.first = (await post(submit, { decision_id: "L-1", outcome: "approve", summary: "EUR 4,000" }, 201, production)).id;
  ids.second = (await post(submit, { decision_id: "L-2", outcome: "approve", summary: "EUR 9,000" }, 201, production)).id;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

// Presses Tab until the focused element's text or label starts with `start`; at most 12 times.
async function tabTo(page, start) {
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.labels?.[0]?.textContent ?? el?.textContent ?? "";
    });
    if (name.trim().startsWith(start)) return;
  }
  assert.fail(`no control "${start}" within 12 tabs`);
}

test("the queue is worked from the keyboard", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");
  await page.goto(`${app.base}/oversight/queue`);
  await page.focus("#q-system");
  await tabTo(page, "Confirm approve");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused button shows its focus");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  let queue = await page.textContent("#queue");
  assert.doesNotMatch(queue, /decision L-1/);
  assert.match(queue, /Loan decisions: decision L-2/);

  await page.focus("#q-system");
  await tabTo(page, "Outcome instead");
  await page.keyboard.type("refer");
  await tabTo(page, "Reason");
  await page.keyboard.type("Income not verified");
  await tabTo(page, "Override");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  queue = await page.textContent("#queue");
  assert.match(queue, /Nothing waits for review/);

  const first = await api(`/api/v1/oversight-decisions/${ids.first}`);
  assert.equal(first.body.state, "confirmed");
  const second = await api(`/api/v1/oversight-decisions/${ids.second}`);
  assert.equal(second.body.state, "overridden");
  assert.equal(second.body.final_outcome, "refer");
  assert.equal(second.body.reason, "Income not verified");
});
