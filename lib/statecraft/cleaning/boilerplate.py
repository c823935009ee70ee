"""Clean already-flattened page text: boilerplate, glued headings, multi-article pages.

The patterns live in ``data/cleaning/`` (boilerplate.csv, markers.csv,
dateline_patterns.csv, camelcase_keep.csv), so a researcher can audit and extend them
without touching code. Everything removed is reported with the rule that removed it.

A page is read line by line (a line break in flattened text ends a paragraph, a
heading or a bullet):

1. line rules drop whole lines (navigation words, disclaimers, URL lines, ...);
   a tail rule drops its line and every later line of the same article;
2. inline rules cut spans out of a line (photo credits, URLs), leaving a line break;
3. a heading glued to the next sentence ("surplus energyAt the time") is split;
4. article markers (a section-and-date line, or a headline ending in a date) start a
   new article; each article takes the nearest headline-like line as its title;
5. a title repeated at the start of its body ("...Regulation DelayThe Indian ...") is cut.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from statecraft import resources
from statecraft.cleaning import datelines

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TITLE_END = re.compile(r"[.!:;,\u2026]['\"\u2019\u201d)]?$")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_WORD_AFTER = re.compile(r"^[A-Za-z]+")


@dataclasses.dataclass
class Article:
    """One article cut out of a page.

    Attributes:
        title: The headline, or None when the page states none.
        published: ISO publication date read from the article's date line, or None.
        text: The cleaned body text.
        removed: (rule, text) pairs, in page order, of everything cut from it.
    """

    title: str | None = None
    published: str | None = None
    text: str = ""
    removed: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    flags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Line:
    text: str
    blank_after: bool = False
    marker: str | None = None  # rule name when this line opens an article
    date: str | None = None
    title: str | None = None
    removed_after: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def normalize(text: str) -> str:
    r"""Normalise raw text: line ends, NUL and zero-width characters, Unicode NFKC.

    NFKC folds fullwidth letters ("Ｐａｋｉｓｔａｎ") and no-break spaces to their plain
    forms; zero-width characters inside names ("Pak\\u200bistan") are dropped; lone
    surrogates (from a bad ``\ud800`` escape in JSON) cannot be stored as UTF-8 and
    become U+FFFD.

    Args:
        text: Raw decoded text.

    Returns:
        The normalised text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _LONE_SURROGATE.sub("\ufffd", text)
    if text.isascii():  # NFKC leaves ASCII as it is; the zero-width characters are not ASCII
        return text
    return unicodedata.normalize("NFKC", text.translate(_ZERO_WIDTH))


def clean_page(text: str, *, split: bool = True, title: str | None = None) -> list[Article]:
    """Clean one page and split it into its articles.

    Args:
        text: Flattened page text (already decoded).
        split: Split a page holding several dated articles; when False the page is
            one article (records and HTML main text).
        title: A known title (from metadata); it is not searched for in the text but
            is still cut where it is repeated at the start of the body.

    Returns:
        One Article per article found, in page order (at least one).
    """
    lines, removed_before = _keep_lines(normalize(text).split("\n"))
    if split:
        _find_markers(lines)
    groups = _group(lines)
    articles = []
    for i, group in enumerate(groups):
        article = _build(group, known_title=title)
        if i == 0:
            article.removed[:0] = removed_before
        articles.append(article)
    return articles


def is_title_like(line: str) -> bool:
    """Tell whether a line looks like a headline: short, capitalised, no closing stop."""
    words = line.split()
    return (
        3 <= len(words) <= 30
        and len(line) <= 250
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'\u201c\u2018")
        and not _TITLE_END.search(line)
    )


def _keep_lines(raw_lines: list[str]) -> tuple[list[_Line], list[tuple[str, str]]]:
    """Apply line, tail and inline rules; return kept lines and what went before them."""
    kept: list[_Line] = []
    before: list[tuple[str, str]] = []  # removed before the first kept line
    tail_rule = None
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            if kept:
                kept[-1].blank_after = True
            continue
        if tail_rule and any(r.match(line) for _, r in _marker_rules()):
            tail_rule = None  # a new article starts: the publisher's tail has ended
        if tail_rule is None:
            tail_rule = next((name for name, r in _rules("tail") if r.search(line)), None)
        own = next((name for name, r in _rules("line") if r.search(line)), None)
        rule = own or tail_rule
        sink = kept[-1].removed_after if kept else before
        if rule:
            sink.append((rule, line))
            continue
        cut: list[tuple[str, str]] = []
        pieces = _cut_inline(line, cut)
        if not pieces:  # the whole line was inline boilerplate
            sink.extend(cut)
        for k, piece in enumerate(pieces):
            kept.append(_Line(piece, removed_after=cut if k == len(pieces) - 1 else []))
    return kept, before


def _cut_inline(line: str, removed: list[tuple[str, str]]) -> list[str]:
    """Cut inline boilerplate out of a line; return the pieces of text left."""
    for name, regex, join in _inline_rules():
        pieces, start = [], 0
        for match in regex.finditer(line):
            pieces.append(line[start : match.start()].rstrip(" "))
            removed.append((name, match.group(0)))
            start = match.end()
        pieces.append(line[start:].lstrip(" "))
        line = join.join(pieces)
    return [p for piece in line.split("\n") for p in _split_glued(piece.strip()) if p]


def _split_glued(line: str) -> list[str]:
    """Split a heading glued to the next sentence: "social entrepreneurIn this role"."""
    cuts = []
    for match in _GLUE.finditer(line):
        left = _WORD_BEFORE.search(line[: match.start()])
        right = _WORD_AFTER.search(line[match.start() :])
        token = (left.group(0) if left else "") + (right.group(0) if right else "")
        if left and len(left.group(0)) >= 3 and left.group(0).islower() and token not in _keep_camel():
            cuts.append(match.start())
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]


def _find_markers(lines: list[_Line]) -> None:
    """Mark lines that open an article, with their date (and title when inline)."""
    rules = _marker_rules()
    i = 0
    while i < len(lines):
        line = lines[i]
        for name, regex in rules:
            match = regex.match(line.text)
            if not match:
                continue
            date_text = match.group("date").strip()
            date_line = None
            if not date_text and i + 1 < len(lines):
                date_line, date_text = lines[i + 1], lines[i + 1].text
            try:
                iso = datelines.parse_date(date_text) if date_text else None
            except datelines.BadDate:
                iso = None
            if iso is None:
                continue
            line.marker, line.date = name, iso
            line.title = match.groupdict().get("title")
            if date_line is not None:
                date_line.marker = "dateline_continued"
            break
        i += 1


def _group(lines: list[_Line]) -> list[list[_Line]]:
    """Cut the lines into articles: each marker starts one (with a headline before it)."""
    starts = [i for i, line in enumerate(lines) if line.marker and line.marker != "dateline_continued"]
    if not starts:
        return [lines]
    cut_points = []
    for k, i in enumerate(starts):
        prev_end = starts[k - 1] + 1 if k else 0
        j = i
        # a headline just before the marker belongs to the new article, unless the
        # article states its headline after the date line
        if i - 1 >= prev_end and is_title_like(lines[i - 1].text) and not _title_after(lines, i):
            j = i - 1
        cut_points.append(j)
    if cut_points[0] != 0:
        cut_points[0] = 0  # text before the first marker stays with the first article
    bounds = [*cut_points, len(lines)]
    return [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _title_after(lines: list[_Line], i: int) -> bool:
    j = i + 1
    if j < len(lines) and lines[j].marker == "dateline_continued":
        j += 1
    return j < len(lines) and is_title_like(lines[j].text) and not lines[j].marker


def _build(group: list[_Line], *, known_title: str | None) -> Article:
    article = Article(title=known_title)
    body: list[str] = []
    title_free = known_title is None
    for idx, line in enumerate(group):
        if line.marker:
            article.published = article.published or line.date
            if line.title and title_free:
                article.title, title_free = line.title.strip(), False
            article.removed.append(("dateline", line.text))
        elif title_free and _is_title_here(group, idx, body):
            article.title, title_free = line.text, False
            article.removed.append(("title", line.text))
        else:
            body.append(line.text)
        article.removed.extend(line.removed_after)
    if article.title and body and body[0].startswith(article.title) and body[0] != article.title:
        article.removed.append(("title_repeat", article.title))
        body[0] = body[0][len(article.title) :].strip()
    elif article.title and body and body[0] == article.title:
        article.removed.append(("title_repeat", body.pop(0)))
    article.text = "\n".join(line for line in body if line)
    for line in body[:3] if article.published is None else ():
        article.published = datelines.lead_date(line)  # "BISHKEK, May 2, 2025 — ..." opening a paragraph
        if article.published:
            break
    return article


def _is_title_here(group: list[_Line], idx: int, body: list[str]) -> bool:
    """Decide whether line ``idx`` is the article's headline."""
    line = group[idx]
    if not is_title_like(line.text):
        return False
    has_marker = any(g.marker for g in group)
    if has_marker:
        # just before or just after the date line(s), with no body text before it
        near = [k for k, g in enumerate(group) if g.marker]
        return not body and (idx + 1 == near[0] or idx - 1 == near[-1])
    if body or idx != 0:
        return False
    # an undated page: its first line is a headline if it stands apart (a blank line
    # follows) or is in Title Case; a run of unpunctuated lines is a bullet list
    nxt = group[idx + 1] if idx + 1 < len(group) else None
    if nxt is None:
        # the only line left (a rights line after it was dropped) is the body unless it reads as a headline
        return _title_case_ratio(line.text) >= 0.6
    return line.blank_after or (_title_case_ratio(line.text) >= 0.6 and not (nxt and is_title_like(nxt.text)))


def _title_case_ratio(line: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


@functools.cache
def _rules(scope: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = resources.read_csv("cleaning/boilerplate.csv")
    return tuple((r["rule"], re.compile(r["pattern"])) for r in rows if r["scope"] == scope)


@functools.cache
def _inline_rules() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    rows = resources.read_csv("cleaning/boilerplate.csv")
    joins = {"newline": "\n", "space": " "}
    return tuple((r["rule"], re.compile(r["pattern"]), joins[r["join"]]) for r in rows if r["scope"] == "inline")


@functools.cache
def _marker_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["name"], re.compile(r["pattern"])) for r in resources.read_csv("cleaning/markers.csv"))


@functools.cache
def _keep_camel() -> frozenset[str]:
    return frozenset(r["token"] for r in resources.read_csv("cleaning/camelcase_keep.csv"))
