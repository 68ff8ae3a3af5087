// The communication plan in a real browser: an interested party, a plan item for it, and a
// communication recorded through the forms, after which the plan item's next due has moved on by
// its frequency and the party's page lists both; a communication dated ahead is refused in words.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
before(async () => {
  app = await startAims("Context Co");
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

async function create(page, path, fill) {
  await page.goto(`${app.base}${path}/new`);
  await fill();
  await Promise.all([
    page.waitForURL(new RegExp(`${path}/\\d+(\\?|$)`)),
    page.click("main button:has-text('Create')"),
  ]);
  return page.url().split("?")[0];
}

test("recording a communication moves its plan item's next due on by the item's frequency", async () => {
  const page = await browser.newPage();
  await signIn(page, app.base, "admin@browser.test");

  const party = await create(page, "/context/parties", async () => {
    await page.fill("#f-name", "Board of directors");
    await page.selectOption("#f-origin", "internal");
    await page.selectOption("#f-party_type", "investor_board");
    await page.fill("#f-interest", "Assurance that AI risks stay within appetite");
  });

  const item = await create(page, "/support/communication-plan", async () => {
    await page.fill("#f-title", "AIMS report to the board");
    await page.check("label:has-text('Board of directors') input[type=checkbox]");
    await page.selectOption("#f-channel", "report");
    await page.selectOption("#f-frequency", "quarterly");
    const ada = await page.$eval("#f-communicator_id",
      (select) => [...select.options].find((o) => o.text.includes("Ada Admin")).value);
    await page.selectOption("#f-communicator_id", ada);
    await page.fill("#f-next_due", "2026-01-15");
  });

  // Made on 30 November 2025: a quarter on is 28 February 2026 (there is no 30 February), later
  // than the 15 January planned, so the plan moves to it. Audience and channel come from the plan.
  await create(page, "/support/communications", async () => {
    await page.fill("#f-title", "Q4 AIMS report");
    await page.selectOption("#f-plan_item_id", { label: "AIMS report to the board" });
    await page.fill("#f-made_on", "2025-11-30");
  });
  const made = await page.textContent("main");
  assert.match(made, /Board of directors/);
  assert.match(made, /Report/);

  await page.goto(item);
  assert.match(await page.textContent("main"), /Next due\s*2026-02-28/);

  await page.goto(party);
  const referred = await page.textContent("main");
  assert.match(referred, /AIMS report to the board/);
  assert.match(referred, /Q4 AIMS report/);

  // Dated ahead: refused with the field named, and the plan stays as it is.
  await page.goto(`${app.base}/support/communications/new`);
  await page.fill("#f-title", "Next year's report");
  await page.fill("#f-made_on", "2099-01-01");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.click("main button:has-text('Create')"),
  ]);
  assert.equal(response.status(), 422);
  assert.match(await page.textContent("main"), /cannot be after today/);
  await page.goto(item);
  assert.match(await page.textContent("main"), /Next due\s*2026-02-28/);
});
