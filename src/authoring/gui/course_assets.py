"""The local images a course links to, so Save As into another folder takes them along.

Links are relative to the course file; a course saved elsewhere without its
images would lose them, which is exactly what this editor promises never to do.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from authoring.core.atomic_write import atomic_write
from authoring.core.markdown_images import markdown_images
from authoring.core.model import Course


def linked_images(course: Course) -> list[str]:
    """The relative image paths the course's Markdown links to, in order, each once."""
    found = dict.fromkeys(image.src for text, _line in course.markdown_texts() for image in markdown_images(text))
    return [src for src in found if _is_local(src)]


def copy_assets(course: Course, source_dir: Path, target_dir: Path) -> list[Path]:
    """Copy the images that exist beside the old file and not yet beside the new one; returns those copied."""
    copied: list[Path] = []
    if source_dir.resolve() == target_dir.resolve():
        return copied
    for src in linked_images(course):
        relative = Path(unquote(urlparse(src).path))
        source, target = (source_dir / relative).resolve(), (target_dir / relative).resolve()
        if not source.is_relative_to(source_dir.resolve()) or not target.is_relative_to(target_dir.resolve()):
            continue
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, source.read_bytes())
            copied.append(target)
    return copied


def _is_local(src: str) -> bool:
    url = urlparse(src)
    return bool(src) and not url.scheme and not src.startswith("//") and not Path(unquote(url.path)).is_absolute()
