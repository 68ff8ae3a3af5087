// Starts a seeded `aims serve` on a fresh SQLite file and Debian's Chromium for the browser tests.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const PASSWORD = "a long browser passphrase";
const binary = process.env.AIMS_BINARY ?? new URL("../../build/release/aims", import.meta.url).pathname;

export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export function aims(args, env = {}) {
  return execFileSync(binary, args, { env: { ...process.env, ...env }, encoding: "utf8" });
}

// An organisation with an admin and a viewer, and `aims serve` on a free port.
export async function startAims(org = "Browser Co") {
  const dir = mkdtempSync(join(tmpdir(), "aims-browser-"));
  const db = `sqlite:${join(dir, "aims.db")}`;
  aims(["init", "--db", db, "--org", org, "--admin", "admin@browser.test", "--admin-name", "Ada Admin"],
       { AIMS_ADMIN_PASSWORD: PASSWORD });
  aims(["user", "add", "--db", db, "--org", org, "--email", "viewer@browser.test", "--name", "Vic Viewer",
        "--role", "viewer"], { AIMS_USER_PASSWORD: PASSWORD });
  const port = await freePort();
  const server = spawn(binary, ["serve", "--db", db, "--listen", `127.0.0.1:${port}`], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, db,
    stop() {
      server.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function signIn(page, base, email) {
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(`${base}/`), page.click("button[type=submit]")]);
}

// A function calling the JSON API of `app` with `token`: (path, fetch options) -> { status, etag,
// body }, so a test can set up records without clicking through forms.
export function apiWith(app, token) {
  return async (path, options = {}) => {
    const response = await fetch(`${app.base}${path}`, {
      ...options,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...options.headers },
    });
    return { status: response.status, etag: response.headers.get("etag"), body: await response.json() };
  };
}
