"""The reports in a real browser: headless Chromium opens the index pages and every report.

Checks that each page loads, every figure is a decoded, non-blank image with a caption, every index
link leads to a page that loads, no report shows a Python traceback or a ``<NA>``/``NaT`` value,
every report opens with three to five findings, and every CSV link leads to a file beside the
report. Full-page screenshots are kept in the folder named by ``STATECRAFT_SCREENSHOTS`` or else in
the test's temporary folder. Label overlaps inside figures are measured on the matplotlib figures
(tests/analysis/test_timeline.py, test_plots.py); here the page is checked for images drawn over one
another. Needs Debian's ``chromium`` and ``chromium-driver`` (CI's ``.ci/run`` installs them) and
the ``selenium`` package; without them the test skips with a message saying so. It installs nothing
and uses no network (the reports load no remote scripts).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from statecraft.report import run as report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FIGURES = {"03_country_comparison": 3}  # reports that must show at least this many figures

# per image: decoded size and the number of distinct colours in a 64x64 sample (1 means blank)
IMAGE_STATS_JS = """
return Array.from(document.images).map(function (img) {
  var canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  var ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, 64, 64);
  var data = ctx.getImageData(0, 0, 64, 64).data, colours = new Set();
  for (var i = 0; i < data.length; i += 4) { colours.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]); }
  return [img.complete, img.naturalWidth, img.naturalHeight, colours.size];
});
"""
# rectangles of the figures and tables as laid out on the page: none may cover another
BOXES_JS = """
return Array.from(document.querySelectorAll('img, table')).map(function (el) {
  var r = el.getBoundingClientRect();
  return [el.tagName, r.left + window.scrollX, r.top + window.scrollY, r.right + window.scrollX,
          r.bottom + window.scrollY];
});
"""
FINDINGS_JS = """
var heads = Array.from(document.querySelectorAll('h2')).filter(h => h.textContent.trim().startsWith('Findings'));
if (!heads.length) { return -1; }
var el = heads[0].closest('.jp-Cell'), n = 0;
for (var next = el.nextElementSibling; next; next = next.nextElementSibling) {
  var items = next.querySelectorAll('li');
  if (items.length) { return items.length; }
  if (next.querySelector('h2')) { break; }
}
return 0;
"""


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        pytest.skip("headless Chromium not found (need `chromium` and `chromedriver` on PATH): install Debian's "
                    "chromium and chromium-driver, as .ci/run does, to run the browser check of the reports")
    webdriver = pytest.importorskip("selenium.webdriver", reason="the selenium package (dev extra) is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600", "--allow-file-access-from-files"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    return report.run_reports(out=out, progress=False, jobs=2)


def _links(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href]")]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("STATECRAFT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(driver, url: str, shot: Path) -> str:
    driver.set_window_size(1280, 1600)
    driver.get(url)
    assert driver.execute_script("return document.readyState") == "complete", url
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(int(height) + 100, 30000))  # the whole page in one screenshot
    text = driver.execute_script("return document.body ? document.body.innerText : ''")
    assert text.strip(), f"{url} shows nothing"
    assert "ERR_FILE_NOT_FOUND" not in driver.page_source, url
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 1000
    return text


def _overlapping(boxes: list) -> list:
    hits = []
    for i, (tag_a, *a) in enumerate(boxes):
        for tag_b, *b in boxes[i + 1:]:
            if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1:
                hits.append((tag_a, a, tag_b, b))
    return [h for h in hits if not (h[0] == "TABLE" and h[2] == "TABLE" and h[1] == h[3])]


def _check_report(browser, href: str, shots: Path, run_dir: Path, figures: dict | None = None) -> None:
    """Open one report, screenshot it whole and check what a reader sees (``figures``: the least number of
    figures per report; the seeds' by default, other corpora may lack a figure and say why)."""
    name = Path(href).stem
    text = _open(browser, href, shots / f"{name}.png")
    assert "Traceback" not in text, f"{name} shows a Python traceback"
    assert "<NA>" not in text and "NaT" not in text, f"{name} shows a missing value as <NA> or NaT"
    assert "Error" not in browser.title
    assert 3 <= browser.execute_script(FINDINGS_JS) <= 5, f"{name}: no three to five findings near the top"
    assert not _overlapping(browser.execute_script(BOXES_JS)), f"{name}: figures or tables overlap"
    csv = [h for h in _links(browser) if h.endswith(".csv")]
    assert all(Path(unquote(urlparse(h).path)).is_file() for h in csv), f"{name}: a CSV link leads nowhere"
    assert all(Path(unquote(urlparse(h).path)).parent == run_dir.resolve() for h in csv), csv
    stats = browser.execute_script(IMAGE_STATS_JS)
    assert len(stats) >= (FIGURES if figures is None else figures).get(name, 0), f"{name}: {len(stats)} images"
    for complete, width, height, colours in stats:
        assert complete and width > 100 and height > 100, f"{name}: an image did not render"
        assert colours > 4, f"{name}: an image is blank"
    assert text.count("Figure:") >= len(stats), f"{name}: a figure without a caption"
    if name.startswith(("00", "03")):
        assert csv, f"{name}: no table written as CSV"


def test_reports_open_in_chromium(browser, run_dir, shots):
    tmp_path = shots
    runs_index = (run_dir.parent / "index.html").resolve().as_uri()
    _open(browser, runs_index, tmp_path / "runs.png")
    run_link = f"{run_dir.name}/index.html"
    assert any(href.endswith(run_link) for href in _links(browser)), _links(browser)

    text = _open(browser, (run_dir / "index.html").resolve().as_uri(), tmp_path / "run.png")
    assert "documents: 8" in text
    reports = [h for h in _links(browser) if h.endswith(".html") and not h.endswith("index.html")]
    expected = {p.stem for p in report.notebook_paths()}
    assert {Path(h).stem for h in reports} == expected
    assert any(h.endswith("../index.html") or h.endswith(f"{run_dir.parent.name}/index.html")
               for h in _links(browser))

    for href in reports:
        _check_report(browser, href, tmp_path, run_dir)
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(shots) == len(reports) + 2


_COUNTRIES = ["Pakistan", "Kyrgyzstan", "El Salvador", "Bhutan", "China", "India", "Brazil", "Nigeria"]


def _year_of_news(folder: Path) -> Path:
    """Write 240 short articles over a year naming eight countries, as one JSONL file."""
    import json

    folder.mkdir()
    rows = []
    for i in range(240):
        country = _COUNTRIES[i % len(_COUNTRIES)]
        rows.append({"title": f"{country} and crypto, part {i}", "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     "text": f"{country} announced a crypto rule on Monday, number {i}. The central bank of {country} "
                             f"said last month that Binance must register. Story {i} ends here."})
    (folder / "year.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return folder


def test_another_run_reads_well_in_chromium(browser, shots, tmp_path):
    """The same checks on a second run: STATECRAFT_BROWSER_RUN (e.g. the crypto corpus, bench/screenshots.py)
    or, by default, a report run on a generated year of news with eight countries."""
    named = os.environ.get("STATECRAFT_BROWSER_RUN")
    if named:
        run_dir = Path(named)
    else:
        sources = _year_of_news(tmp_path / "year")
        run_dir = report.run_reports(sources=sources, out=tmp_path / "reports", progress=False, jobs=2)
    reports = sorted(p for p in run_dir.glob("*.html") if p.name != "index.html")
    assert len(reports) == len(report.notebook_paths()), f"reports in {run_dir}: {reports}"
    folder = shots / run_dir.name
    folder.mkdir(exist_ok=True)
    for page in reports:
        _check_report(browser, page.resolve().as_uri(), folder, run_dir, figures={})
