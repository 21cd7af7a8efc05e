"""Take the README's screenshots of a running archive: `python docs/screenshots.py [BASE_URL]`.

Start the archive first (`make run`); the pictures land next to this file.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "news-filtered": "/news/?body=council-of-foreign-ministers&year=2024",
    "news-detail": (
        "/news/2024/11/28/astana-summit-ends-with-a-declaration-and-14-signed-documents/"
    ),
    "statement-history": "/statements/11/history/",
    "official": "/officials/imangali-tasmagambetov/",
    "body-ru": "/ru/bodies/council-of-foreign-ministers/",
}


def main(base_url="http://127.0.0.1:8000"):
    folder = Path(__file__).resolve().parent
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        for name, path in PAGES.items():
            page.goto(base_url + path)
            page.screenshot(path=folder / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
