import { chromium } from "playwright-core";
const [base, email, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(base + "/login");
await page.fill('input[name="email"]', email);
await page.fill('input[name="password"]', "meridian-demo-2026");
await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
let i = 0;
for (const p of paths) {
  await page.goto(base + p);
  await page.screenshot({ path: `${out}/${String(i++).padStart(2, "0")}.png`, fullPage: !!process.env.FULL });
}
await browser.close();
