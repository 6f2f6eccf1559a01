"""The open course's file as other programs leave it: changed, deleted or moved, read-only.

As VS Code does: a course without unsaved edits is read again when a git
checkout or another editor changes its file; with unsaved edits a bar says
so at once and the author chooses.  Nothing is loaded over the author's
course that does not read as one, and the edits are never dropped unasked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from authoring.core.commands import Target, resolve
from authoring.core.course_file import LoadedCourse, file_digest, load_course
from authoring.core.model import Course, Quiz
from authoring.core.problems import Severity
from authoring.gui.document import CourseDocument, file_level

if TYPE_CHECKING:
    from authoring.gui.main_window import MainWindow

SETTLE_MS = 150
"""A git checkout writes, renames and deletes in a burst: look at the file once it is over."""


class DiskWatch(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = window.file_bar
        self.read_only_bar = window.read_only_bar
        self.document: CourseDocument | None = None
        self.read_only = False
        self._kept = ""
        """The digest of the version on disk the author chose "Keep mine" for: only a newer one is news."""
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)  # the file replaced, or back after a deletion
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.check)

    def watch(self, document: CourseDocument) -> None:
        self.unwatch()
        self.document = document
        document.saved.connect(self.check)  # Save As: another file to watch; a save answers the bar
        # Not at once: a restored course is marked unsaved only after it is set, and must not be reloaded.
        self._watch_paths()
        self._show_read_only(self._path())
        self.settle.start()

    def unwatch(self) -> None:
        self.settle.stop()
        if self.document is not None:
            self.document.saved.disconnect(self.check)
        self.document = None
        self._kept = ""
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        self.bar.hide()
        self._show_read_only(None)

    def _path(self) -> Path | None:
        # The file a link names: saves write that one.
        return self.document.path.resolve() if self.document is not None and self.document.path else None

    def _changed(self, _path: str) -> None:
        self._watch_paths()  # an atomic replace is a new file: Qt stops watching the old one
        self.settle.start()

    def _watch_paths(self) -> None:
        path = self._path()
        wanted = {str(p) for p in (path, path.parent) if p.exists()} if path is not None else set()
        watched = set(self.watcher.files() + self.watcher.directories())
        if watched - wanted:
            self.watcher.removePaths(list(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(list(wanted - watched))

    # -- what the file is now ---------------------------------------------------------------

    def check(self) -> None:
        """Compare the file on disk with the course open here, and say or do what the difference needs."""
        self._watch_paths()
        document, path = self.document, self._path()
        if document is None or path is None:
            return
        self._show_read_only(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self._gone(path)
            return
        except OSError:
            return  # cannot be read just now (permissions): a save says why
        digest = file_digest(data)
        if digest not in (document.digest, self._kept):
            from authoring.gui.course_files import finish_editing_in_place  # (imports this module)

            finish_editing_in_place()  # text typed in an open cell or rename counts as an edit to keep
        if digest == document.digest:  # our own save, a touch, or changed back
            self.bar.hide()
        elif digest == self._kept:
            pass
        elif document.is_modified:
            self.bar.show_message(
                f"{path.name} was changed on disk by another program. Your unsaved edits here are kept until you "
                "choose: reload the file from disk, or keep your version (Save will then ask before overwriting "
                "the other changes).",
                [("Reload (discard my edits)", self.reload), ("Keep mine", self._keep_mine)])
        else:
            self.reload()

    def _gone(self, path: Path) -> None:
        assert self.document is not None
        edits = " with your unsaved edits" if self.document.is_modified else ""
        self.bar.show_message(
            f"{path} was deleted or moved by another program. Your course is still open here{edits}: Save writes "
            "it back to that place, Save As saves it somewhere else.",
            [("Save", self.window.files.save), ("Save As…", self.window.files.save_as)])

    def _keep_mine(self) -> None:
        path = self._path()
        if path is not None:
            try:
                self._kept = file_digest(path.read_bytes())
            except OSError:
                self._kept = ""
        self.bar.hide()
        self.window.statusBar().showMessage("Your version is kept; Save will ask before overwriting the file on disk.",
                                            8000)

    def reload(self) -> None:
        """Read the course again from disk, keeping the selection, unless the file does not read as a course."""
        document, path = self.document, self._path()
        if document is None or path is None or document.path is None:
            return
        loaded = load_course(path)
        if loaded.course is None or not loaded.lossless:
            self._unreadable(loaded)
            return
        page = self.window.page
        target = page.outline.current_target() if page is not None else None
        selected = resolve(document.course, target) if target is not None else None
        self.window.set_document(CourseDocument(loaded.course, document.path, loaded.digest,
                                                file_level(loaded.problems)))
        page = self.window.page
        if page is not None and target is not None:
            page.outline.select_target(find_again(loaded.course, selected, target))
        self.window.statusBar().showMessage(f"Reloaded {path.name}: it was changed on disk by another program.",
                                            10000)

    def _unreadable(self, loaded: LoadedCourse) -> None:
        assert self.document is not None
        path = loaded.path
        errors = [p for p in loaded.problems if p.severity is Severity.ERROR] or loaded.problems
        where = errors[0].format(str(path)) if errors else f"{path}: it does not read as a course"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        actions = [("Keep mine", self._keep_mine)]
        if loaded.text is not None and not self.document.is_modified:
            text, digest = loaded.text, loaded.digest
            actions.insert(0, ("Open as text", lambda: self.window.open_as_text(loaded.path, text, digest)))
        self.bar.show_message(
            f"{path.name} was changed on disk but no longer reads as a course, so the course open here was left "
            f"as it is. {where}{more}. Fix the file, or keep your version (Save will ask before overwriting it).",
            actions, kind="error")

    def _show_read_only(self, path: Path | None) -> None:
        read_only = path is not None and is_read_only(path)
        if read_only != self.read_only:
            self.read_only = read_only
            self.window.update_title()
        if path is not None and read_only:
            self.read_only_bar.show_message(
                f"{path.name} is read-only: its permissions do not let you change it. You can still edit here; "
                "Save offers Save As, to keep your version in another file.",
                [("Save As…", self.window.files.save_as)], kind="info")
        else:
            self.read_only_bar.hide()


def is_read_only(path: Path) -> bool:
    """True when the file's mode gives this user no write permission.

    By the mode bits, not ``os.access``: that says yes to root, whom a
    read-only mode still marks as a file not to be replaced unasked.
    """
    try:
        mode = path.stat()
    except OSError:
        return False
    if not hasattr(os, "geteuid"):  # Windows: the read-only attribute clears every write bit
        return not mode.st_mode & stat.S_IWRITE
    if mode.st_uid == os.geteuid():
        bit = stat.S_IWUSR
    elif mode.st_gid == os.getegid() or mode.st_gid in os.getgroups():
        bit = stat.S_IWGRP
    else:
        bit = stat.S_IWOTH
    return not mode.st_mode & bit


def find_again(course: Course, old: object, target: Target) -> Target:
    """Where the item or question ``old``, selected at ``target`` before a reload, is in the new ``course``:
    by its id, else by its title or stem; else the place it was at, or the course if that is gone too."""
    def key(obj: object) -> tuple[type, object]:
        return type(obj), getattr(obj, "id", None) or getattr(obj, "title", None) or getattr(obj, "stem", None)

    if target:
        wanted = key(old)
        for i, item in enumerate(course.items):
            if key(item) == wanted:
                return (i,)
            for q, question in enumerate(item.questions if isinstance(item, Quiz) else []):
                if key(question) == wanted:
                    return (i, q)
    for place in (target, target[:1]):
        try:
            resolve(course, place)
        except IndexError:
            continue
        return place
    return ()
