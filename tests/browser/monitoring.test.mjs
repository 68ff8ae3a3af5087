// Monitoring in a real browser: an admin sets up a monitor through the form, uploads a prediction
// log, sees the breach become an alert, an incident and a switch to human review, and switches the
// system back by hand; a viewer sees the evidence but none of the controls.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, signIn, startAims } from "./harness.mjs";

// Group a: 4 rows, all predicted positive (selection rate 1.0). Group b: 4 rows, 2 predicted
// positive (0.5). Disparate impact = 0.5 / 1.0 = 0.5, below the default 0.8 (worked by hand).
const LOG = ["pred,label,g", "1,1,a", "1,1,a", "1,0,a", "1,0,a", "1,1,b", "0,1,b", "1,0,b", "0,0,b"]
  .join("\r\n");

let app;
let browser;
before(async () => {
  app = await startAims("Monitoring Co");
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

async function createSystem(page) {
  await page.goto(`${app.base}/inventory/systems/new`);
  await page.fill("#f-name", "Loan pre-approval");
  await page.fill("#f-purpose", "Pre-approves small consumer loans.");
  await page.selectOption("#f-org_role", "deployer");
  await Promise.all([page.waitForURL(/\/inventory\/systems\/\d+\?notice=created/),
                     page.click("text=Create AI system")]);
  return page.url().replace(/\?.*$/, "");
}

test("a breach in an uploaded log raises an alert, an incident and human review", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");
  const systemUrl = await createSystem(page);

  await page.click("a:has-text('New monitor')");
  await page.fill("#name", "Weekly pre-approvals");
  await page.fill("#col_prediction", "pred");
  await page.fill("#col_label", "label");
  await page.fill("#col_sensitive", "g");
  await page.fill("#min_group_size", "1");
  await page.check("input[name=human_review_on_breach]");
  await Promise.all([page.waitForURL(/\/monitoring\/monitors\/\d+\?notice=created/),
                     page.click("button:has-text('Create monitor')")]);

  await page.setInputFiles("#log", { name: "week-1.csv", mimeType: "text/csv", buffer: Buffer.from(LOG) });
  await Promise.all([page.waitForURL(/\/monitoring\/runs\/\d+$/), page.click("button:has-text('Run the monitor')")]);
  const alerts = await page.textContent("table.data tbody");
  assert.match(alerts, /Disparate impact/);
  assert.match(alerts, /attribute:g/);
  assert.match(alerts, /0\.5\b/);
  // 0.5 is 37.5 % below 0.8: fairness starts at high, a margin past 25 % raises it to critical.
  assert.match(alerts, /critical/i);
  await Promise.all([page.waitForURL(/\/improvement\/incidents\/\d+$/), page.click("dd a:has-text('incident #')")]);
  const incident = await page.textContent("main");
  assert.match(incident, /A\.6\.2\.6/);
  assert.match(incident, /Loan pre-approval/);
  // The incident's own history from the audit trail: the monitor's run created it.
  assert.match(await page.textContent("section:has(h2:text('History')) tbody"), /create[\s\S]*incident #\d+/);

  await page.goto(systemUrl);
  // The system's incident once, under "Referred to by" with its severity and status.
  assert.equal(await page.getByText("Monitoring breach:").count(), 1);
  assert.match(await page.textContent("#referred-by"), /Incidents \(AI system\)[\s\S]*Monitoring breach:[\s\S]*Critical[\s\S]*Open/);
  assert.match(await page.textContent(".status-banner"), /Human review required/);
  assert.ok(await page.locator("svg.chart").count() >= 1, "a trend chart per metric");

  await page.fill("#reason", "Reviewed the week by hand; the gap came from a test batch.");
  await Promise.all([page.waitForURL(/notice=oversight/), page.click("button:has-text('Allow automated decisions again')")]);
  assert.match(await page.textContent(".status-banner"), /Automated decisions allowed/);
  assert.match(await page.textContent(".status-banner"), /test batch/);

  const oversight = await page.evaluate(async (url) => {
    const id = url.split("/").pop();
    return (await fetch(`/api/v1/ai-systems/${id}/oversight`)).json();
  }, systemUrl);
  assert.equal(oversight.human_review_required, false);
  await page.close();
});

test("a viewer sees monitoring evidence but no monitoring controls", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "viewer@browser.test");
  await page.goto(`${app.base}/inventory/systems`);
  await page.click("table.data tbody a");
  assert.match(await page.textContent("#monitoring"), /Monitoring and human oversight/);
  assert.equal(await page.locator("a:has-text('New monitor')").count(), 0);
  assert.equal(await page.locator("#reason").count(), 0);
  // The admin's test above created the monitor; tests in one file run in order.
  const monitorLink = page.locator("a[href^='/monitoring/monitors/']").first();
  assert.equal(await monitorLink.count(), 1);
  await monitorLink.click();
  assert.match(await page.textContent("h1.page-title"), /Weekly pre-approvals/);
  assert.equal(await page.locator("#log").count(), 0);
  assert.equal(await page.locator("#reference").count(), 0);
  const response = await page.goto(`${app.base}/monitoring/monitors/new`);
  assert.equal(response.status(), 403);
  await page.close();
});
