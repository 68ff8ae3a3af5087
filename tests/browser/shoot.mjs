// Screenshots of signed-in pages, for reviewing the UI by eye (not a test).
// usage: node shoot.mjs BASE_URL EMAIL PASSWORD OUTDIR path1 path2 ...
import { chromium } from "playwright-core";
const [base, email, password, outdir, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
await page.goto(`${base}/login`);
await page.fill("#email", email);
await page.fill("#password", password);
await page.click("button[type=submit]");
await page.waitForURL(`${base}/`);
for (const p of paths) {
  await page.goto(`${base}${p}`);
  const name = p.replace(/[^a-z0-9]+/gi, "_").replace(/^_+|_+$/g, "") || "overview";
  await page.screenshot({ path: `${outdir}/${name}.png`, fullPage: true });
}
await browser.close();
