// Controlled documents in a real browser: write a procedure, submit it for review with a change
// summary naming its approver, be refused approving it as its author, and approve it as the named
// person; the page then shows the published, frozen version 1. Then an AI policy asked of every
// viewer: approved by its named approver and acknowledged by a viewer from My work, the count on
// its page moving from 0 of 1 to 1 of 1.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, aims, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
before(async () => {
  app = await startAims("Documents Co");
  aims(["user", "add", "--db", app.db, "--org", "Documents Co", "--email", "manager@browser.test",
        "--name", "Mia Manager", "--role", "aims-manager"], { AIMS_USER_PASSWORD: PASSWORD });
  // The harness adds Vic Viewer (viewer@browser.test) too.
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

test("a document is approved by someone other than its author and frozen as version 1", async () => {
  const author = await browser.newPage();
  await signIn(author, app.base, "admin@browser.test");
  await author.click("nav a:has-text('Documents')");
  await author.click("text=New document");
  await author.fill("#f-title", "Model validation procedure");
  await author.selectOption("#f-document_type", "procedure");
  await author.fill("#f-body", "# Model validation\n\nEvery model is validated before release.");
  await author.fill("#f-effective_date", "2026-12-01");
  await author.fill("#f-review_interval_months", "12");
  await Promise.all([author.waitForURL(/\/governance\/documents\/\d+\?notice=created/),
                     author.click("text=Create document")]);
  const documentUrl = author.url().replace(/\?.*$/, "");
  assert.match(await author.textContent(".workflow h2"), /Draft/);
  // Worked out when saved: 2026-12-01 plus 12 months.
  assert.match(await author.textContent("main"), /2027-12-01/);

  // Evidence attached to the draft: a checklist saved as text, though the browser calls it a PDF.
  const checklist = "Validation checklist\n- holdout set frozen\n- fairness reviewed\n";
  await author.setInputFiles("#attach-file",
    { name: "validation-checklist.pdf", mimeType: "application/pdf", buffer: Buffer.from(checklist) });
  await Promise.all([author.waitForURL(/notice=attached/), author.click("text=Attach the file")]);
  const row = author.locator("#attachments tbody tr", { hasText: "validation-checklist.pdf" });
  // The type comes from the bytes, not from the name or the browser's claim.
  assert.match(await row.textContent(), /\bText\b/);
  assert.doesNotMatch(await row.textContent(), /PDF/);
  // SHA-256 of the checklist's bytes, computed by node's crypto here, shown on the page.
  const { createHash } = await import("node:crypto");
  assert.match(await row.textContent(), new RegExp(createHash("sha256").update(checklist).digest("hex")));

  assert.match(await author.textContent("label[for=t-submit-reason]"), /Change summary/);
  await author.selectOption("#t-submit-approver_id", { label: "Mia Manager (manager@browser.test)" });
  await author.fill("#t-submit-reason", "First issue: validation steps agreed with the model owners");
  await Promise.all([author.waitForURL(/notice=moved/), author.click("button:has-text('Submit for review')")]);
  assert.match(await author.textContent(".workflow h2"), /In review/);
  // The author is an admin, whose role approves, but not their own document: the page says why.
  assert.equal(await author.locator("button:has-text('Approve and publish')").count(), 0);
  assert.match(await author.textContent(".workflow ul.hint"),
               /Approve and publish: separation of duties: you wrote or own this document, so someone else must approve it/);
  // Posting the approval anyway (the send-back form turned into an approval) is refused.
  await author.evaluate(() => {
    const form = document.querySelector("form.workflow-step");
    form.querySelector("input[name=transition]").value = "approve";
    form.querySelector("textarea[name=reason]").value = "approving my own";
  });
  await Promise.all([author.waitForURL(/\/transitions$/), author.click("form.workflow-step button[type=submit]")]);
  assert.match(await author.textContent(".notice-error"), /separation of duties/);
  assert.match(await author.textContent(".workflow h2"), /In review/);
  await author.close();

  const approver = await browser.newPage();
  await signIn(approver, app.base, "manager@browser.test");
  await approver.goto(documentUrl);
  assert.equal(await approver.inputValue("#t-approve-effective_date"), "2026-12-01");
  await approver.fill("#t-approve-reason", "Checked against the risk procedure");
  await Promise.all([approver.waitForURL(/notice=moved/), approver.click("button:has-text('Approve and publish')")]);
  assert.match(await approver.textContent(".workflow h2"), /Published/);
  assert.match(await approver.textContent(".record-head"), /approved version 1/);
  assert.match(await approver.textContent(".workflow"), /Approve and publish: approved by manager@browser\.test/);
  // A published document is revised, not edited in place.
  assert.equal(await approver.locator("a[href$='/edit']").count(), 0);
  await approver.click("a:has-text('Version 1')");
  assert.match(await approver.textContent(".notice-info"), /Version 1, approved on .* by manager@browser\.test: Checked against the risk procedure/);
  assert.match(await approver.textContent("main"), /Every model is validated before release\./);
  await approver.close();
});

test("an AI policy is approved by its named approver and acknowledged by a viewer from My work", async () => {
  const author = await browser.newPage();
  await signIn(author, app.base, "admin@browser.test");
  await author.goto(`${app.base}/governance/documents/new`);
  await author.fill("#f-title", "Documents Co AI policy");
  await author.selectOption("#f-document_type", "ai_policy");
  await author.fill("#f-body", [
    "# AI policy", "## Purpose", "Why we use AI.", "## Objectives", "How we set AI objectives.",
    "## Obligations", "The law we meet.", "## Improvement", "How we improve.",
    "## Communication", "Everyone reads it."].join("\n\n"));
  await author.fill("#f-effective_date", "2026-12-01");
  await author.fill("#f-review_interval_months", "12");
  await author.fill("#f-commitment_purpose", "Purpose");
  await author.fill("#f-commitment_objectives", "Objectives");
  await author.fill("#f-commitment_requirements", "Obligations");
  await author.fill("#f-commitment_improvement", "Improvement");
  await author.fill("#f-commitment_communication", "Communication");
  await author.fill("#f-acknowledgement_roles", "viewer");
  await Promise.all([author.waitForURL(/notice=created/), author.click("text=Create document")]);
  const policyUrl = author.url().replace(/\?.*$/, "");
  // The checklist shows each commitment covered by its section.
  assert.equal(await author.locator("#commitments .badge.ok").count(), 5);
  await author.selectOption("#t-submit-approver_id", { label: "Mia Manager (manager@browser.test)" });
  await author.fill("#t-submit-reason", "First issue");
  await Promise.all([author.waitForURL(/notice=moved/), author.click("button:has-text('Submit for review')")]);
  await author.close();

  const approver = await browser.newPage();
  await signIn(approver, app.base, "manager@browser.test");
  await approver.goto(policyUrl);
  await approver.fill("#t-approve-reason", "Covers the commitments");
  await Promise.all([approver.waitForURL(/notice=moved/), approver.click("button:has-text('Approve and publish')")]);
  assert.match(await approver.textContent(".workflow h2"), /Published/);
  // The one viewer was asked when it was published.
  assert.match(await approver.textContent("#acknowledgements"), /Acknowledged 0 of 1/);
  assert.match(await approver.textContent("#acknowledgements"), /Vic Viewer/);
  await approver.close();

  const reader = await browser.newPage();
  await signIn(reader, app.base, "viewer@browser.test");
  await reader.click("nav a:has-text('My work')");
  await reader.click("section[aria-labelledby=mw-to_acknowledge] a:has-text('Documents Co AI policy')");
  await Promise.all([reader.waitForURL(/#acknowledgements$/),
                     reader.click("button:has-text('I have read and understood it')")]);
  assert.match(await reader.textContent("#acknowledgements"), /Acknowledged 1 of 1/);
  assert.equal(await reader.locator("button:has-text('I have read and understood it')").count(), 0);
  await reader.close();
});
