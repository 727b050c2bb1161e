// How Headroom's browser tests and benchmarks launch Chromium: Debian's
// /usr/bin/chromium (never a browser Playwright downloads: that fails on this
// network), with the flags TOOLCHAIN.md found necessary here. Shared by
// playwright.config.js and bench/redraw.js so both measure the same browser.

export const executablePath = process.env.HEADROOM_CHROMIUM || '/usr/bin/chromium';

// TOOLCHAIN.md: Chromium as root, headless, on a closed network. Without the
// background-networking flags it floods the network with lookups.
export const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
