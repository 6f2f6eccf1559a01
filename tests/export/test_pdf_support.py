"""Shared helpers of the PDF tests: export a course, read the PDF back with poppler and pypdf.

It holds no tests itself; its name keeps it among the PDF tests' files.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

from markdown_it import MarkdownIt
from pypdf import PdfReader

from authoring.core.course_file import load_course
from authoring.core.model import Course
from authoring.export.registry import ExportOptions, Progress, get_exporter

FIXED_DATE = datetime.date(2026, 1, 15)
_inline = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def load(path: Path) -> Course:
    loaded = load_course(path)
    assert loaded.course is not None, loaded.problems
    return loaded.course


def export_pdf(source: Path, target: Path, **options: object) -> list[Progress]:
    """Exports with the ``pdf`` exporter as the CLI would; returns the progress steps."""
    exporter = get_exporter("pdf")
    assert exporter is not None
    settings: dict[str, object] = {"source_dir": source.resolve().parent, "date": FIXED_DATE}
    settings.update(options)
    return list(exporter.export(load(source), target, ExportOptions(**settings)))  # type: ignore[arg-type]


def pdf_text(path: Path) -> str:
    """The text poppler reads, with every run of white space (line wraps too) made one space."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return normalise(raw)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def rendered(markdown: str) -> str:
    """What Markdown reads as on paper: the text without its markup, white space normalised."""
    parts: list[str] = []
    for block in _inline.parse(markdown):
        if block.type in ("fence", "code_block", "html_block"):
            parts.append(block.content)
        for token in block.children or []:
            if token.type in ("text", "code_inline", "html_inline"):
                parts.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        if block.type.endswith("_close") and block.block:
            parts.append(" ")
    return normalise("".join(parts))


def pdffonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type and whether each font is embedded."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        fields = line.split()
        # name, type (1-2 words), encoding, emb, sub, uni, object, ID: read from the right.
        rows.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4], "uni": fields[-3]})
    return rows


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """Every outline (bookmark) entry with its depth."""
    reader = PdfReader(path)
    titles: list[tuple[int, str]] = []

    def walk(entries: list[object], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                titles.append((depth, str(entry.title)))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    return titles


def words_by_page(pdf: Path) -> list[tuple[float, list[tuple[str, float, float]]]]:
    """Each page's height and its words with their top and bottom (from the top of the page)."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for match in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', bbox, re.S):
        words = [(word, float(top), float(bottom)) for top, bottom, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', match.group(2))]
        pages.append((float(match.group(1)), words))
    return pages
