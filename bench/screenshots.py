"""Screenshot every report of a run in headless Chromium and say what each page shows.

Runs ``statecraft report`` on ../shared/corpus/crypto_news (1,543 articles; a few
minutes the first time, the store is reused after) unless ``--run`` names an existing run
folder, then opens the run index and every report, takes a full-page screenshot of each
and prints per report: images, figure captions, CSV links (and whether each file exists),
the findings sentences, and any ``<NA>``/``NaT``/traceback shown. Needs Debian's
``chromium`` and ``chromium-driver``.

    .venv/bin/python bench/screenshots.py [--sources PATH] [--out DIR] [--run RUN_DIR] [--shots DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from statecraft.report import run as report

SHARED = Path(__file__).resolve().parents[2] / "shared"
MAX_HEIGHT = 30000  # pixels: longer pages are cut (Chromium cannot capture more in one shot)


def browser():
    """Return a headless Chromium driver (1280 px wide)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600", "--allow-file-access-from-files", "--hide-scrollbars"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def full_page(driver, url: str, shot: Path) -> str:
    """Open ``url``, resize the window to the whole page, save a screenshot; return the page text."""
    driver.set_window_size(1280, 1600)
    driver.get(url)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(1280, min(int(height) + 100, MAX_HEIGHT))
    driver.save_screenshot(str(shot))
    return driver.execute_script("return document.body.innerText")


def describe(driver, text: str) -> dict:
    """Count what a report page shows: images, captions, CSV links (and missing files), bad values."""
    links = driver.execute_script("return Array.from(document.querySelectorAll('a[href$=\".csv\"]'))"
                                  ".map(a => a.href)")
    missing = [h for h in links if not Path(unquote(urlparse(h).path)).exists()]
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "Findings"), None)
    findings = []
    if start is not None:
        for line in lines[start + 1:]:
            if line.strip().startswith("What this report leaves out"):
                break
            if line.strip() and not line.startswith("What the data shows"):
                findings.append(line.strip())
    return {"images": driver.execute_script("return document.images.length"), "captions": text.count("Figure:"),
            "csv": len(links), "missing_csv": missing, "findings": findings,
            "bad": [w for w in ("<NA>", "NaT", "Traceback", "nan%") if w in text]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=SHARED / "corpus" / "crypto_news")
    parser.add_argument("--out", type=Path, default=Path("/tmp/h18b_reports"))
    parser.add_argument("--run", type=Path, help="an existing run folder (skips the report run)")
    parser.add_argument("--shots", type=Path, help="screenshot folder (default: <run>/screenshots)")
    args = parser.parse_args(argv)
    run_dir = args.run or report.run_reports(sources=args.sources, out=args.out, progress=True)
    shots = args.shots or run_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver = browser()
    try:
        full_page(driver, (run_dir / "index.html").resolve().as_uri(), shots / "index.png")
        for page in sorted(run_dir.glob("*.html")):
            if page.name == "index.html":
                continue
            text = full_page(driver, page.resolve().as_uri(), shots / f"{page.stem}.png")
            info = describe(driver, text)
            print(f"\n== {page.stem}: {info['images']} images, {info['captions']} captions, {info['csv']} CSV links"
                  f"{', MISSING ' + str(info['missing_csv']) if info['missing_csv'] else ''}"
                  f"{', SHOWS ' + str(info['bad']) if info['bad'] else ''}; screenshot {shots / page.stem}.png")
            for finding in info["findings"]:
                print(f"   {finding}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
