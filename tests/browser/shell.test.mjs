// The web shell in a real browser: sign-in, the dashboard, sign-out, what a viewer may see, and
// a forged cross-origin POST that carries the session cookie but not the CSRF token.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { freePort, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
before(async () => {
  app = await startAims();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

test("sign in, see the dashboard, sign out", async () => {
  const page = await browser.newPage();
  await page.goto(`${app.base}/`);
  assert.match(page.url(), /\/login\?next=/, "an anonymous visit is sent to sign in");
  await signIn(page, app.base, "admin@browser.test");
  assert.equal(await page.textContent("h1.page-title"), "Overview");
  assert.equal((await page.textContent(".org")).trim(), "Browser Co");
  assert.equal(await page.textContent(".badge.role"), "admin");
  assert.ok(await page.isVisible("text=Recent activity"));
  await Promise.all([page.waitForURL(/\/login$/), page.click("button:has-text('Sign out')")]);
  await page.goto(`${app.base}/`);
  assert.match(page.url(), /\/login/, "after signing out the session no longer works");
  await page.close();
});

test("a wrong password is refused with a message", async () => {
  const page = await browser.newPage();
  await page.goto(`${app.base}/login`);
  await page.fill("#email", "admin@browser.test");
  await page.fill("#password", "not the password at all");
  await page.click("button[type=submit]");
  assert.match(await page.textContent(".notice-error"), /incorrect/);
  await page.close();
});

test("a viewer sees no edit or admin controls, and the server refuses them anyway", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "viewer@browser.test");
  assert.equal(await page.textContent(".badge.role"), "viewer");
  assert.equal(await page.locator("nav a", { hasText: "Users" }).count(), 0);
  assert.equal(await page.locator("nav a", { hasText: "API tokens" }).count(), 0);
  assert.equal(await page.locator("text=Manage people").count(), 0);
  assert.equal(await page.locator("form[method=post] button.btn-primary").count(), 0,
               "no create or save button anywhere on the dashboard");
  const response = await page.goto(`${app.base}/admin/users`);
  assert.equal(response.status(), 403);
  await page.close();
});

test("a forged cross-origin POST with the session cookie is refused", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");

  // Without the CSRF token, even from our own origin:
  const direct = await page.request.post(`${app.base}/admin/users`, {
    form: { email: "forged1@browser.test", role: "admin" },
  });
  assert.equal(direct.status(), 403);

  // From another origin, an auto-submitting form (the classic CSRF attack):
  const attackerPort = await freePort();
  const attacker = createServer((req, res) => {
    res.setHeader("Content-Type", "text/html");
    res.end(`<form id="f" method="post" action="${app.base}/admin/users">
      <input name="email" value="forged2@browser.test"><input name="role" value="admin"></form>
      <script>document.getElementById("f").submit()</script>`);
  }).listen(attackerPort, "127.0.0.1");
  const forged = page.waitForResponse((r) => r.url() === `${app.base}/admin/users` && r.request().method() === "POST");
  await page.goto(`http://127.0.0.1:${attackerPort}/`);
  assert.equal((await forged).status(), 403);
  attacker.close();

  await page.goto(`${app.base}/admin/users`);
  const listing = await page.textContent("table.data");
  assert.ok(!listing.includes("forged1@browser.test"), "the first forged user must not exist");
  assert.ok(!listing.includes("forged2@browser.test"), "the second forged user must not exist");
  await page.close();
});
