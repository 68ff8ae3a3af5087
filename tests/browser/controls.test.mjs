// The Statement of Applicability in a real browser: start it, be refused submitting it while
// controls are undecided, mark a control not applicable (refused without a justification, saved
// with one), submit it, be refused approving it as its submitter, approve it as another person,
// and see the readiness figure and clause 6.1.3 move.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { PASSWORD, aims, launchBrowser, signIn, startAims } from "./harness.mjs";

let app;
let browser;
let token;
before(async () => {
  app = await startAims("Controls Co");
  aims(["user", "add", "--db", app.db, "--org", "Controls Co", "--email", "manager@browser.test",
        "--name", "Mia Manager", "--role", "aims-manager"], { AIMS_USER_PASSWORD: PASSWORD });
  token = aims(["token", "create", "--db", app.db, "--user", "admin@browser.test", "--name", "setup"]).trim();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  app?.stop();
});

async function api(path, options = {}) {
  const response = await fetch(`${app.base}${path}`, {
    ...options,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...options.headers },
  });
  return { status: response.status, body: await response.json() };
}

// The overall readiness percentage as the page shows it.
async function overall(page) {
  await page.goto(`${app.base}/controls/readiness`);
  return Number((await page.textContent(".readiness-figure")).replace("%", ""));
}

test("an SoA is decided, justified and approved by a second person, and readiness moves", async () => {
  const admin = await browser.newPage();
  await signIn(admin, app.base, "admin@browser.test");
  await admin.click("nav a:has-text('Statement of Applicability')");
  await Promise.all([admin.waitForURL(/started=38/), admin.click("button:has-text('Start the Statement of Applicability')")]);
  // ISO/IEC 42001 Annex A has 38 controls (standards-facts.md, section 2).
  assert.match(await admin.textContent("main"), /0 \/ 38/);
  const before = await overall(admin);
  assert.match(await admin.textContent("main"), /6\.1\.3 AI risk treatment/);

  // Submitting while every control is undecided is refused, naming the first of them.
  await admin.goto(`${app.base}/controls/soa/versions/new`);
  await admin.fill("#f-change_summary", "First version");
  await admin.click("button:has-text('Create SoA version')");
  assert.match(await admin.textContent(".notice-error"), /decide whether A\.2\.2/);

  // Every control but A.10.4 decided through the API, as a script would.
  const { body: soa } = await api("/api/v1/soa");
  let customers;
  for (const group of soa.groups) {
    for (const control of group.controls) {
      if (control.control === "A.10.4") { customers = control.entry.id; continue; }
      const entry = await api(`/api/v1/soa-entries/${control.entry.id}`);
      const saved = await api(`/api/v1/soa-entries/${control.entry.id}`, {
        method: "PATCH",
        headers: { "If-Match": `"${entry.body.version}"` },
        body: JSON.stringify({ applicability: "applicable", justification: `Needed: ${control.control}`,
                               owner_id: entry.body.owner_id ?? 1 }),
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    }
  }

  // A.10.4 marked not applicable in the browser: refused without a justification.
  await admin.goto(`${app.base}/controls/soa/entries/${customers}/edit`);
  await admin.selectOption("#f-applicability", "not_applicable");
  await admin.fill("#f-justification", "");
  await admin.click("button:has-text('Save changes')");
  assert.match(await admin.textContent("#e-justification"), /say why the control is not needed/);
  await admin.fill("#f-justification", "We provide no AI systems to customers.");
  await Promise.all([admin.waitForURL(/\/controls\/soa\/entries\/\d+\?notice=saved/), admin.click("button:has-text('Save changes')")]);
  assert.match(await admin.textContent("main"), /Not applicable/);

  await admin.goto(`${app.base}/controls/soa`);
  assert.match(await admin.textContent("main"), /38 \/ 38/);
  await admin.click("text=Submit for approval");
  await admin.fill("#f-change_summary", "First Statement of Applicability");
  await Promise.all([admin.waitForURL(/\/controls\/soa\/versions\/\d+\?notice=created/), admin.click("button:has-text('Create SoA version')")]);
  const versionUrl = admin.url().replace(/\?.*$/, "");
  assert.match(await admin.textContent(".workflow h2"), /Awaiting approval/);
  // The submitter may not approve their own SoA: the page says why.
  assert.equal(await admin.locator("button:has-text('Approve this version')").count(), 0);
  assert.match(await admin.textContent(".workflow"), /separation of duties/);
  // The version holds the entries as they stood: A.10.4 with its justification.
  assert.match(await admin.textContent("main"), /We provide no AI systems to customers\./);
  await admin.close();

  const manager = await browser.newPage();
  await signIn(manager, app.base, "manager@browser.test");
  await manager.goto(versionUrl);
  await Promise.all([manager.waitForURL(/notice=moved/), manager.click("button:has-text('Approve this version')")]);
  assert.match(await manager.textContent(".workflow h2"), /Approved/);
  assert.match(await manager.textContent(".record-head"), /approved version 1/);

  const after = await overall(manager);
  assert.ok(after > before, `readiness moved from ${before}% to ${after}%`);
  const row = manager.locator("#group-6 tr", { hasText: "6.1.3" });
  assert.match(await row.textContent(), /Met/);
  assert.match(await row.textContent(), /Version 1 of the SoA is approved/);
  await manager.close();

  // The approved version as CSV, as a script downloads it: a header, then 38 controls as they
  // stood, A.10.4 excluded with its justification.
  const id = versionUrl.split("/").pop();
  const csv = await fetch(`${app.base}/api/v1/soa-versions/${id}/export.csv`,
                          { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /^text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  assert.equal(lines[0], "Control,Applicability,Justification,Implementation,Owner,AI systems covered,Policies and procedures,Evidence");
  assert.equal(lines.length, 1 + 38);
  assert.ok(lines.some((l) => l.startsWith("A.10.4 ") && l.includes(",Not applicable,We provide no AI systems to customers.,")),
            lines.find((l) => l.startsWith("A.10.4 ")));
});

// An organisation's own framework: imported from OSCAL, one of its controls mapped to ISO/IEC 42001
// from the framework's page (the link shows, readiness counts the framework's coverage), its
// controls added to the SoA beside Annex A, and the link removed again.
test("an imported framework is mapped to ISO/IEC 42001 and joins the SoA", async () => {
  const catalog = { catalog: {
    uuid: "0b7a2f7e-3c41-4d6a-9d51-6a2f8f0e1c11",
    metadata: { title: "Acme AI code", "last-modified": "2026-12-01T00:00:00Z", version: "1", "oscal-version": "1.2.1" },
    groups: [{ id: "gov", title: "Governance", controls: [
      { id: "ac-1", title: "Validate models before release" },
      { id: "ac-2", title: "Watch production" }] }] } };
  const imported = await api("/api/v1/frameworks?key=acme-code", { method: "POST", body: JSON.stringify(catalog) });
  assert.equal(imported.status, 201, JSON.stringify(imported.body));

  const manager = await browser.newPage();
  await signIn(manager, app.base, "manager@browser.test");
  await manager.goto(`${app.base}/controls/frameworks/acme-code`);
  await manager.selectOption("#map-item", "ac-1");
  await manager.selectOption("#map-target", "A.6.2.4");
  await manager.selectOption("#map-relationship", "equivalent-to");
  await Promise.all([manager.waitForURL(/notice=mapped/), manager.click("button:has-text('Add the link')")]);
  assert.match(await manager.textContent("[role=status]"), /The link to ISO\/IEC 42001 is saved/);
  assert.match(await manager.textContent("[id='ac-1']"), /ISO\/IEC 42001 A\.6\.2\.4/);
  assert.doesNotMatch(await manager.textContent("[id='ac-2']"), /ISO\/IEC 42001/);

  // Coverage: ac-1 is the one mapped control of the framework.
  await manager.goto(`${app.base}/controls/readiness`);
  assert.match(await manager.textContent("main"), /Acme AI code[\s\S]*of 1 mapped requirements covered/);

  await manager.click("nav a:has-text('Statement of Applicability')");
  await Promise.all([manager.waitForURL(/started=2/), manager.click("button:has-text('Add Acme AI code to the SoA')")]);
  assert.match(await manager.textContent("main"), /ac-1 Validate models before release/);
  assert.match(await manager.textContent("main"), /ac-2 Watch production/);

  // The organisation's own mapping exports as an OSCAL mapping collection NIST's schema accepts.
  const shared = process.env.AIMS_SHARED_DIR ?? new URL("../../../shared", import.meta.url).pathname;
  const exported = await fetch(`${app.base}/api/v1/framework-mappings/acme-code--iso-iec-42001-2023/oscal`,
                               { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(exported.status, 200);
  const dir = mkdtempSync(join(tmpdir(), "aims-mapping-"));
  try {
    const file = join(dir, "mapping.json");
    writeFileSync(file, JSON.stringify(await exported.json()));
    execFileSync(process.execPath, [new URL("../controls/validate-oscal.mjs", import.meta.url).pathname,
                                    join(shared, "schemas", "oscal-1.2.1", "oscal_mapping_schema.json"), file],
                 { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await manager.goto(`${app.base}/controls/frameworks/acme-code`);
  await Promise.all([manager.waitForURL(/notice=unmapped/),
                     manager.click("button:has-text('Remove the link to ISO/IEC 42001 A.6.2.4')")]);
  assert.doesNotMatch(await manager.textContent("[id='ac-1']"), /ISO\/IEC 42001 A\.6\.2\.4/);
  await manager.close();
});

// What an auditor's tools read: the organisation's own SoA and readiness as OSCAL, checked by ajv
// against NIST's 1.2.1 schemas (the same validator the catalog exports pass in controls_oscal_test).
test("the SoA and readiness export as valid OSCAL", async () => {
  const shared = process.env.AIMS_SHARED_DIR ?? new URL("../../../shared", import.meta.url).pathname;
  const schemas = join(shared, "schemas", "oscal-1.2.1");
  const dir = mkdtempSync(join(tmpdir(), "aims-oscal-"));
  try {
    const exports = [
      ["/api/v1/oscal/system-security-plan", "oscal_ssp_schema.json", "system-security-plan"],
      ["/api/v1/oscal/component-definition", "oscal_component_schema.json", "component-definition"],
      ["/api/v1/oscal/assessment-results", "oscal_assessment-results_schema.json", "assessment-results"],
    ];
    for (const [path, schema, root] of exports) {
      const response = await fetch(`${app.base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200, path);
      const doc = await response.json();
      assert.ok(doc[root], `${path} holds ${root}`);
      const file = join(dir, `${root}.json`);
      writeFileSync(file, JSON.stringify(doc));
      execFileSync(process.execPath, [new URL("../controls/validate-oscal.mjs", import.meta.url).pathname,
                                      join(schemas, schema), file], { encoding: "utf8" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
