"""The editor's speed: cold start, key presses in a long lesson, opening a big course.

Each figure is a median over several runs, next to a floor measured in the
same run on the same machine:

- cold start to an editable window with the sample open, started as
  ``authoring COURSE`` starts it (``app.open_window``), against a bare
  PySide6 ``QMainWindow`` started the same way (goal: at most 2x);
- handling one key press in a 20,000-word lesson, p50 and p95 (goal: p95
  under 16 ms), against the same key press in a bare ``QPlainTextEdit``;
- opening a 1,000-question course: time and peak RSS, against reading the
  same file with the engine alone (no window).

Run: ``.venv/bin/python bench/bench_editor.py [start] [keys] [big] [--runs N] [--baseline-src DIR]``
(offscreen by default).  ``--baseline-src`` also starts the editor from another
source tree (e.g. ``git archive <commit> src | tar -x -C /tmp/before``),
interleaved with the others, for a before/after on the same machine load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_courses" / "customer-focus" / "course.md"
RUNS = 5
KEY_PRESSES = 200

BARE_START = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
app.processEvents()
print(time.perf_counter(), flush=True)
"""

EDITOR_START = """
import time, sys, tempfile
from pathlib import Path
from authoring.gui.app import application, open_window
from authoring.gui.context import EditorContext
app = application()
course = Path(sys.argv[1])
window = open_window(EditorContext.in_folder(Path(tempfile.mkdtemp())), course)  # as `authoring COURSE` starts
app.processEvents()
print(time.perf_counter(), flush=True)
# Checked after the clock stops, and a failure fails the run: the window shows that course, painted and editable.
editor = window.page.editor.current_editor()
assert window.isVisible() and window.document.path == course and window.page.isVisible()
assert editor is not None and editor.isVisible() and editor.isEnabled()
outline = window.page.outline.model()
assert outline.rowCount(outline.index_of(())) == len(window.document.course.items) > 0
"""

OPEN_BIG = """
import resource, sys, tempfile, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
if mode == "engine":
    from authoring.core.course_file import load_course
    from authoring.core.validation import check_course
    start = time.perf_counter()
    loaded = load_course(path)
    check_course(loaded.course, path.parent)
else:
    from authoring.gui.app import application, open_window
    from authoring.gui.context import EditorContext
    app = application()
    window = open_window(EditorContext.in_folder(Path(tempfile.mkdtemp())), None)  # as `authoring` starts
    app.processEvents()
    start = time.perf_counter()
    assert window.files.open_path(path)
    app.processEvents()
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
"""


# Children keep their bytecode, in a folder of their own, as an installed app has it (pip and the app
# bundle ship .pyc files): with PYTHONDONTWRITEBYTECODE, as on some CI machines, every start would
# compile the editor's sources again and time that instead.
BYTECODE = Path(tempfile.mkdtemp(prefix="bench-editor-pyc-"))


def _child(code: str, *args: str, src: Path = REPO / "src") -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=str(BYTECODE))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env)
    if out.returncode != 0:
        raise SystemExit(f"a timed start failed ({src}):\n{out.stderr}")
    return out.stdout.split()


def _start_seconds(code: str, *args: str, src: Path = REPO / "src") -> tuple[float, float]:
    """Wall time from before the process is started to the window being ready, as a user waits for it,
    and the CPU time the process used: steadier than wall time on a machine others are using."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = time.perf_counter()
    ready = float(_child(code, *args, src=src)[0])
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    # perf_counter is the same monotonic clock in parent and child on Linux.
    return ready - before, cpu


def cold_start(runs: int, baseline_src: Path | None) -> None:
    kinds: dict[str, list[tuple[float, float]]] = {"bare": [], "editor": [], "baseline": []}
    # One untimed start of each writes the bytecode and fills the disk cache.
    _child(BARE_START)
    _child(EDITOR_START, str(SAMPLE))
    if baseline_src is not None:
        _child(EDITOR_START, str(SAMPLE), src=baseline_src)
    for _ in range(runs):
        kinds["bare"].append(_start_seconds(BARE_START))
        kinds["editor"].append(_start_seconds(EDITOR_START, str(SAMPLE)))
        if baseline_src is not None:
            kinds["baseline"].append(_start_seconds(EDITOR_START, str(SAMPLE), src=baseline_src))
    wall = {kind: statistics.median(t[0] for t in times) for kind, times in kinds.items() if times}
    cpu = {kind: statistics.median(t[1] for t in times) for kind, times in kinds.items() if times}
    print(f"cold start ({runs} runs, medians): editor with sample {wall['editor'] * 1000:.0f} ms, bare QMainWindow "
          f"{wall['bare'] * 1000:.0f} ms, ratio {wall['editor'] / wall['bare']:.2f}x (goal <= 2x); CPU time "
          f"{cpu['editor'] * 1000:.0f} ms against {cpu['bare'] * 1000:.0f} ms, "
          f"ratio {cpu['editor'] / cpu['bare']:.2f}x")
    if "baseline" in wall:
        print(f"  baseline {baseline_src}: {wall['baseline'] * 1000:.0f} ms, "
              f"ratio {wall['baseline'] / wall['bare']:.2f}x; CPU {cpu['baseline'] * 1000:.0f} ms, "
              f"ratio {cpu['baseline'] / cpu['bare']:.2f}x")


def _long_lesson(words: int) -> str:
    sentence = "Customer focus means listening to what customers say and acting on it every day."
    per = len(sentence.split())
    paragraphs = [" ".join([sentence] * 5) for _ in range(words // (per * 5) + 1)]
    return "\n\n".join(paragraphs)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def key_presses() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from authoring.core.course_file import save_course
    from authoring.core.model import Course, Lesson
    from authoring.gui.app import application
    from authoring.gui.context import EditorContext
    from authoring.gui.main_window import MainWindow

    app = application()
    text = _long_lesson(20_000)
    folder = Path(tempfile.mkdtemp())
    path = folder / "course.md"
    save_course(path, Course("Long", items=[Lesson("Long lesson", text)]))
    window = MainWindow(EditorContext.in_folder(folder / "editor"))
    window.show()
    window.files.open_path(path)
    assert window.page is not None
    window.page.outline.select_target((0,))
    body = window.page.editor.lesson_editor.body

    bare = QPlainTextEdit()
    bare.setPlainText(text)
    bare.show()

    def timings(widget: QPlainTextEdit) -> list[float]:
        widget.setFocus()
        widget.moveCursor(widget.textCursor().MoveOperation.End)
        app.processEvents()
        result = []
        for number in range(KEY_PRESSES):
            key = Qt.Key.Key_Space if number % 6 == 5 else Qt.Key.Key_A
            start = time.perf_counter()
            QTest.keyClick(widget, key)
            app.processEvents()  # includes the highlighter, the model update and anything queued
            result.append((time.perf_counter() - start) * 1000)
        return result

    editor_ms = timings(body)
    bare_ms = timings(bare)
    words = len(body.toPlainText().split())
    print(f"key press in a {words}-word lesson: p50 {_percentile(editor_ms, 0.5):.2f} ms, "
          f"p95 {_percentile(editor_ms, 0.95):.2f} ms (goal p95 < 16 ms); bare QPlainTextEdit p50 "
          f"{_percentile(bare_ms, 0.5):.2f} ms, p95 {_percentile(bare_ms, 0.95):.2f} ms; p95 ratio "
          f"{_percentile(editor_ms, 0.95) / _percentile(bare_ms, 0.95):.1f}x")
    window.document.undo_stack.setClean()  # type: ignore[union-attr]
    window.close()


def big_course() -> None:
    from authoring.core.course_file import save_course
    from authoring.core.model import Choice, Course, Question, Quiz

    quizzes = [
        Quiz(f"Quiz {q}", questions=[
            Question(f"Question {q}-{n}: which of these is right?", "A short scenario for the question.",
                     [Choice("This one", True, "Right."), Choice("That one", False, "Not quite."),
                      Choice("Neither", False, "No.")], "Because the first is right.")
            for n in range(50)])
        for q in range(20)
    ]
    path = Path(tempfile.mkdtemp()) / "course.md"
    save_course(path, Course("A thousand questions", items=list(quizzes)))
    engine, editor = [], []
    for _ in range(3):
        engine.append([float(v) for v in _child(OPEN_BIG, "engine", str(path))])
        editor.append([float(v) for v in _child(OPEN_BIG, "editor", str(path))])
    e_time = statistics.median(v[0] for v in editor)
    f_time = statistics.median(v[0] for v in engine)
    e_rss = statistics.median(v[1] for v in editor)
    f_rss = statistics.median(v[1] for v in engine)
    print(f"open 1,000 questions: editor {e_time * 1000:.0f} ms, peak RSS {e_rss:.0f} MB; engine alone "
          f"{f_time * 1000:.0f} ms, {f_rss:.0f} MB; time ratio {e_time / f_time:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="start, keys and/or big (default: all three)")
    parser.add_argument("--runs", type=int, default=RUNS, help="cold starts of each kind (median)")
    parser.add_argument("--baseline-src", type=Path, help="another src/ folder to time the start of")
    arguments = parser.parse_args()
    which = set(arguments.which) or {"start", "keys", "big"}
    if which - {"start", "keys", "big"}:
        parser.error(f"unknown measurement: {', '.join(sorted(which - {'start', 'keys', 'big'}))}")
    if "start" in which:
        cold_start(arguments.runs, arguments.baseline_src)
    if "big" in which:
        big_course()
    if "keys" in which:
        key_presses()
