// A stage change through approval in a real browser: the system's owner asks from the AI system
// page to move it into development, submits the request, cannot approve it themselves, and the
// AIMS manager finds it on My work, sees every entry criterion met beside the request, approves,
// and the system page shows the new stage.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, aims, apiWith, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let system;
before(async () => {
  app = await startAims("Stage Co");
  aims(["user", "add", "--db", app.db, "--org", "Stage Co", "--email", "manager@browser.test",
        "--name", "Mia Manager", "--role", "aims-manager"], { AIMS_USER_PASSWORD: PASSWORD });
  aims(["user", "add", "--db", app.db, "--org", "Stage Co", "--email", "owner@browser.test",
        "--name", "Oskar Owner", "--role", "contributor"], { AIMS_USER_PASSWORD: PASSWORD });
  const token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  const api = apiWith(app, token);
  const owner = (await api("/api/v1/users")).body.items.find((u) => u.email === "owner@browser.test").id;
  // At the low tier, entering development asks only that no committee holds the system.
  const created = await api("/api/v1/ai-systems", { method: "POST", body: JSON.stringify({
    name: "Branch cash forecast", purpose: "Forecasts branch cash demand", org_role: "developer",
    owner_id: owner, risk_tier: "low" }) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  system = created.body.id;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

test("a stage change is requested, approved beside its entry criteria and moves the system", async () => {
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, app.base, "owner@browser.test");
  await owner.goto(`${app.base}/inventory/systems/${system}`);
  await owner.click("#stage-gates a:has-text('Request a stage change')");
  assert.equal(await owner.inputValue("select[name=to_stage]"), "development");
  await owner.fill("input[name=name]", "Forecast into development");
  await owner.fill("textarea[name=justification]", "Treasury agreed the research question.");
  await Promise.all([owner.waitForURL(/\/lifecycle\/stage-changes\/\d+(\?|$)/),
                     owner.click("main button:has-text('Create')")]);
  const request = owner.url().split("?")[0];
  assert.match(await owner.textContent("main"), /From stage\s*Design/);
  await Promise.all([owner.waitForURL(/notice=moved/), owner.click("button:has-text('Submit for approval')")]);
  assert.match(await owner.textContent("#entry-criteria"), /every criterion met/);
  assert.equal(await owner.locator("button:has-text('Approve and move the system')").count(), 0);

  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, app.base, "manager@browser.test");
  await manager.goto(`${app.base}/my-work`);
  await manager.click("main a:has-text('Forecast into development')");
  assert.equal(manager.url().split("?")[0], request);
  const criteria = await manager.textContent("#entry-criteria");
  assert.match(criteria, /No hold by the governance committee\s*no hold in force\s*met/);
  await Promise.all([manager.waitForURL(/notice=saved/),
                     manager.click("button:has-text('Approve and move the system')")]);
  assert.match(await manager.textContent("main"), /Approved: stage entered/);
  assert.match(await manager.textContent("#entry-criteria"), /this gate check/);

  await manager.goto(`${app.base}/inventory/systems/${system}`);
  assert.match(await manager.textContent("#stage-gates"), /Now in Development/);
});
