"""The cycle collector is paused while a PDF is laid out, and always runs again afterwards."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.platypus.doctemplate import LayoutError
from test_pdf_support import export_pdf

import authoring.export.pdf as pdf_export
from authoring.export.pdf.collector import collector_paused
from authoring.export.registry import ExportError


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_paused_while_the_pdf_is_laid_out_and_runs_again_after(
        sample_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    lay_out = pdf_export.build_pdf

    def watched(*args: object, **kwargs: object) -> tuple[bytes, int]:
        seen.append(gc.isenabled())
        return lay_out(*args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(pdf_export, "build_pdf", watched)
    export_pdf(sample_course, tmp_path / "out.pdf", edition="reviewer")
    assert seen == [False]
    assert gc.isenabled()
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_failed_layout_leaves_the_collector_running(sample_course: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object, **kwargs: object) -> tuple[bytes, int]:
        raise LayoutError("Flowable too large")
    monkeypatch.setattr(pdf_export, "build_pdf", fails)
    with pytest.raises(ExportError):
        export_pdf(sample_course, tmp_path / "out.pdf")
    assert gc.isenabled()
    assert not (tmp_path / "out.pdf").exists()


def test_overlapping_exports_resume_the_collector_when_the_last_one_ends() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    during: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(10)
            during.append(gc.isenabled())

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(10)
    with collector_paused():
        pass
    during.append(gc.isenabled())  # the first export is still laying out
    second_done.set()
    worker.join(10)
    assert during == [False, False]
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
