// The concerns channel in a real browser: the AIMS manager opens the channel, someone without an
// account raises an anonymous concern through its link and gets a receipt code, the manager
// triages it into a risk, and the reporter follows its status with the code.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, aims, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
before(async () => {
  app = await startAims("Concerns Co");
  aims(["user", "add", "--db", app.db, "--org", "Concerns Co", "--email", "manager@browser.test",
        "--name", "Mina Manager", "--role", "aims-manager"], { AIMS_USER_PASSWORD: PASSWORD });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

test("a concern raised without an account is triaged into a risk and followed by its code", async () => {
  const manager = await browser.newPage();
  await signIn(manager, app.base, "manager@browser.test");
  await manager.goto(`${app.base}/improvement/concerns/channel`);
  await manager.click("button:has-text('Make the link and open the channel')");
  const link = (await manager.textContent("#channel-link")).trim();
  assert.match(link, /^\/concerns\/[A-Za-z0-9_-]{40,}$/);

  // The reporter: a browser of their own, never signed in.
  const reporter = await (await browser.newContext()).newPage();
  await reporter.goto(`${app.base}${link}`);
  assert.match(await reporter.textContent("main"), /do not store your IP address/);
  await reporter.fill("#c-system-named", "the loan chat assistant");
  await reporter.fill("#c-what", "The chat assistant said my declined loan cannot be reviewed by a person.");
  await reporter.check("#c-anonymous");
  await reporter.click("button:has-text('Send the concern')");
  const code = (await reporter.textContent("#receipt-code")).trim();
  assert.match(code, /^[A-Za-z0-9_-]{20,}$/);

  // The manager triages it into a risk from the concern's page.
  await manager.goto(`${app.base}/improvement/concerns`);
  await manager.click("main a:has-text('The chat assistant said my declined loan')");
  await manager.selectOption("#t-outcome", "risk");
  await manager.fill("#t-title", "Assistant misstates the right to human review");
  await Promise.all([manager.waitForURL(/saved=1/), manager.click("#triage button[type=submit]")]);
  const concernPage = await manager.textContent("main");
  assert.match(concernPage, /Under review/);
  assert.match(concernPage, /Assistant misstates the right to human review/);
  await manager.click("main a:has-text('Assistant misstates the right to human review')");
  assert.match(manager.url(), /\/risk\/risks\/\d+/);
  assert.match(await manager.textContent("main"), /Referred to by[\s\S]*The chat assistant said my declined loan/);

  // The reporter follows it with the code: the status, and nothing of the triage.
  await reporter.goto(`${app.base}${link}/status`);
  await reporter.fill("#s-code", code);
  await reporter.click("button:has-text('Show the status')");
  const status = await reporter.textContent("#concern-status");
  assert.match(status, /Under review/);
  assert.match(status, /No answer yet/);
  assert.doesNotMatch(await reporter.textContent("main"), /risk/i);

  // A wrong code says so and shows nothing.
  await reporter.fill("#s-code", "not-my-code");
  await reporter.click("main form button[type=submit]");
  assert.match(await reporter.textContent("main"), /No concern with this code/);
});
