"""Shared test set-up: Qt runs offscreen, and tests edit copies of the samples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_courses"
SHARED = REPO.parent / "shared"


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A private copy of ``sample_courses/`` that a test may change."""
    target = tmp_path / "sample_courses"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture
def sample_course(samples: Path) -> Path:
    return samples / "customer-focus" / "course.md"
