// AI objectives in a real browser: an objective measured by hand shows no data yet, its page
// offers a measurement form already about it, and once measured the page says in words where it
// stands against the straight line to its due date, with the chart drawn and the target on it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { aims, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let token;
before(async () => {
  app = await startAims("Objectives Co");
  token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

// A date `days` from today (UTC), as aims reads "today": YYYY-MM-DD.
function dateIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("an objective measured by hand is measured from its page and reports its progress in words", async () => {
  // Started 50 days ago and due in 50: half the time has passed, so 50 % is expected by today.
  const created = await fetch(`${app.base}/api/v1/objectives`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      title: "Staff trained on the AI policy", owner_id: 1, measure: "manual", unit: "%",
      baseline_value: 0, target_value: 100, direction: "at_least",
      start_on: dateIn(-50), due_on: dateIn(50),
    }),
  });
  const objective = await created.json();
  assert.equal(created.status, 201, JSON.stringify(objective));

  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");
  await page.click("nav a:has-text('Objectives')");
  await page.click("table.data a:has-text('Staff trained on the AI policy')");
  assert.match(await page.textContent("#progress"), /No data yet\s*nothing measured so far; 50 % of the time/);

  await Promise.all([page.waitForURL(/objective-measurements\/new\?objective_id=/),
                     page.click("#progress a:has-text('Add a measurement')")]);
  assert.equal(await page.$eval("#f-objective_id", (s) => s.options[s.selectedIndex].text),
               "Staff trained on the AI policy");
  await page.fill("#f-measured_on", dateIn(-1));
  await page.fill("#f-value", "45");
  await Promise.all([page.waitForURL(/notice=created/), page.click("button:has-text('Create objective measurement')")]);

  await page.goto(`${app.base}/governance/objectives/${objective.id}`);
  // 45 of the way from 0 to 100 is 45 %, 5 points below the 50 % expected: on track.
  const progress = await page.textContent("#progress");
  assert.match(progress, /On track\s*45 % of a 100 % target, 45 % of the way; 50 % expected by today\./);
  assert.equal(await page.locator("#progress svg.chart .threshold").count(), 1, "the target line");
  assert.match(await page.textContent("#progress table.data"), /45 %/);
  await page.close();
});
