"""Draw heartwork's app icons (PNG) from its own SVG mark, with Debian's Chromium.

    .venv/bin/python scripts/make_icons.py

Writes src/heartwork/static/heartwork/icons/: the sizes install prompts and home screens
ask for, a maskable one (the mark inside the safe zone, on a full background) and Apple's
touch icon. Run it again only when the mark changes; the PNGs are committed.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
MARK = (ROOT / "src/heartwork/static/heartwork/icon.svg").read_text()
OUT = ROOT / "src/heartwork/static/heartwork/icons"
BACKGROUND = "#fbf7f2"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# (file, size, share of the canvas the mark fills)
ICONS = [
    ("icon-192.png", 192, 0.9),
    ("icon-512.png", 512, 0.9),
    ("maskable-512.png", 512, 0.62),  # maskable icons keep their mark inside the middle 80%
    ("apple-touch-icon.png", 180, 0.78),
]


def page_for(size: int, share: float) -> str:
    mark = int(size * share)
    return (
        f"<html><body style='margin:0;width:{size}px;height:{size}px;background:{BACKGROUND};"
        "display:flex;align-items:center;justify-content:center'>"
        f"<div style='width:{mark}px;height:{mark}px'>"
        + MARK.replace("<svg ", "<svg width='100%' height='100%' ", 1)
        + "</div></body></html>"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for name, size, share in ICONS:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(page_for(size, share))
            page.screenshot(path=OUT / name, omit_background=False)
            page.close()
            print(f"wrote {OUT / name}")
        browser.close()


if __name__ == "__main__":
    main()
