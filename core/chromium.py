"""The flags the sandbox starts Chromium with, wherever it drives one (the course material's
screen capture, the browser tests): no sandbox of its own (a container or a CI runner cannot
set one up), no GPU, and nothing of Chromium's own on the network (updates, sync, background
requests, QUIC), so the only requests it makes are the pages'."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
