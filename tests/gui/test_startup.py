"""How the editor starts: the cycle collector waits while the window is built, then carries on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "sample_courses" / "customer-focus" / "course.md"

START = """
import gc, sys, tempfile
from pathlib import Path
default = gc.get_threshold()
import authoring.gui.app as app
from authoring.gui.context import EditorContext
from authoring.gui.startup_gc import STARTUP_THRESHOLD
print("while starting", gc.get_threshold()[0] == STARTUP_THRESHOLD)
qt_app = app.application()
window = app.open_window(EditorContext.in_folder(Path(tempfile.mkdtemp())), Path(sys.argv[1]))
print("after the window", gc.get_threshold() == default, gc.get_freeze_count() > 10_000)
print("course open", window.document is not None and window.document.path == Path(sys.argv[1]))
"""


def test_the_collector_waits_while_the_editor_starts_and_resumes_once_the_window_is_up() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", START, str(SAMPLE)], capture_output=True, text=True, check=True,
                         env=env)
    assert out.stdout.splitlines() == ["while starting True", "after the window True True", "course open True"]
