"""The local images a course links to, so Save As into another folder takes them along.

Links are relative to the course file; a course saved elsewhere without its
images would lose them, which is exactly what this editor promises never to do.
"""

from __future__ import annotations

import filecmp
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from authoring.core.atomic_write import atomic_write
from authoring.core.markdown_images import local_image_path, markdown_images
from authoring.core.model import Course


def linked_images(course: Course) -> list[PurePosixPath]:
    """The relative image paths the course's Markdown links to, in order, each once."""
    found = (local_image_path(image.src) for text, _line in course.markdown_texts() for image in markdown_images(text))
    return list(dict.fromkeys(path for path in found if path is not None))


@dataclass
class CopiedAssets:
    copied: list[Path] = field(default_factory=list)
    different: list[Path] = field(default_factory=list)
    """Images a different file of the same name already stood for in the new folder: it was kept, so the
    course there now shows that picture."""


def copy_assets(course: Course, source_dir: Path, target_dir: Path) -> CopiedAssets:
    """Copy the images that exist beside the old file and not yet beside the new one."""
    result = CopiedAssets()
    if source_dir.resolve() == target_dir.resolve():
        return result
    for relative in linked_images(course):
        source, target = (source_dir / relative).resolve(), (target_dir / relative).resolve()
        if not source.is_relative_to(source_dir.resolve()) or not target.is_relative_to(target_dir.resolve()):
            continue
        if not source.is_file():
            continue
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, source.read_bytes())
            result.copied.append(target)
        elif not target.is_file() or not filecmp.cmp(source, target, shallow=False):
            result.different.append(target)
    return result
