"""The web page under the learner preview: it stays on the course whatever the page or the author clicks.

The player marks links out of the course ``target="_blank"``; a web view opens no new windows, so such a
link did nothing.  A plain link to anything else (``notes.html``, another site, the previous export through
Back) took the preview away from the course to an error page.  Here a link the author follows to a web
page or a mail address opens in the system browser or mail program, and any other way out is refused with
a word saying why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEngineNewWindowRequest, QWebEnginePage

OUTSIDE_SCHEMES = ("http", "https", "mailto", "tel")
"""What the system opens for the author: the links the player itself opens in a new tab."""


class PlayerPage(QWebEnginePage):
    blocked = Signal(str)
    """A navigation was refused; the words say which and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player: Path | None = None
        """The ``index.html`` the preview shows now: the one document the page may be."""
        self.refused = False
        """The last load ended because it was refused here, not because the player failed."""
        self.newWindowRequested.connect(self._new_window)

    def acceptNavigationRequest(self, url: QUrl | str, kind: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:
        url = QUrl(url)
        if not is_main_frame or kind is QWebEnginePage.NavigationType.NavigationTypeTyped:
            return True  # the preview's own setUrl, or a frame inside the lesson
        if self.player is not None and url.isLocalFile() and Path(url.toLocalFile()) == self.player:
            return True  # the player moving between its screens, or a reload
        self.refused = True
        if kind is QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            self._open_outside(url)
        else:
            self.blocked.emit(f"The page tried to leave the course for {self._shown(url)}; "
                              "the preview stays on the course.")
        return False

    def _new_window(self, request: QWebEngineNewWindowRequest) -> None:
        # Not opened here: an unanswered request opens nothing, so the preview itself never changes.
        if request.isUserInitiated():
            self._open_outside(request.requestedUrl())

    def _open_outside(self, url: QUrl) -> None:
        if url.scheme().lower() in OUTSIDE_SCHEMES:
            QDesktopServices.openUrl(url)
            self.blocked.emit(f"Opened {self._shown(url)} outside the preview.")
        else:
            # Learners would find nothing there either: the package holds the player and its images only.
            self.blocked.emit(f"The link to {self._shown(url)} leads out of the course; the package has "
                              "nothing there, so learners would find no page. Link to a web address instead.")

    def _shown(self, url: QUrl) -> str:
        """The address as the author wrote it: a relative link without the preview's temporary folder."""
        if self.player is not None and url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_relative_to(self.player.parent):
                return path.relative_to(self.player.parent).as_posix()
        return url.toDisplayString()
