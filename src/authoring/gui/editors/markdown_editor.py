"""A plain-text Markdown editor with highlighting and the usual formatting keys.

The text stays Markdown (the course file is the source of truth), so the
highlighter only colours the syntax; Ctrl+B, Ctrl+I and Ctrl+K wrap the
selection the way an author would type it.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

_IN_FENCE = 1


def _format(color: str | None = None, *, bold: bool = False, italic: bool = False,
            mono: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies(["monospace"])
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours chosen to read on light and dark backgrounds alike."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        code = _format("#2e9d8a", mono=True)
        self.fence = QRegularExpression(r"^\s{0,3}(```|~~~)")
        self.code = code
        self.rules: list[tuple[QRegularExpression, QTextCharFormat]] = [
            (QRegularExpression(r"^\s{0,3}#{1,6}(\s.*)?$"), _format("#3d7fd6", bold=True)),
            (QRegularExpression(r"^\s*([-*+]|\d+[.)])\s"), _format("#c0702a", bold=True)),
            (QRegularExpression(r"^\s*>.*$"), _format("#7f8c8d", italic=True)),
            (QRegularExpression(r"\[[ xX]\]"), _format("#c0702a", bold=True)),
            (QRegularExpression(r"(?<![*\w])\*(?!\s)[^*]+\*(?!\*)|(?<![_\w])_(?!\s)[^_]+_(?!\w)"),
             _format(italic=True)),
            (QRegularExpression(r"\*\*[^*]+\*\*|__[^_]+__"), _format(bold=True)),
            (QRegularExpression(r"!?\[[^\]]*\]\([^)]*\)"), _format("#8a5cc7")),
            (QRegularExpression(r"`[^`]+`"), code),
            (QRegularExpression(r"^\s*(---|\*\*\*|___)\s*$"), _format("#7f8c8d", bold=True)),
        ]

    def highlightBlock(self, text: str) -> None:
        in_fence = self.previousBlockState() == _IN_FENCE
        if self.fence.match(text).hasMatch():
            self.setFormat(0, len(text), self.code)
            self.setCurrentBlockState(0 if in_fence else _IN_FENCE)
            return
        if in_fence:
            self.setFormat(0, len(text), self.code)
            self.setCurrentBlockState(_IN_FENCE)
            return
        self.setCurrentBlockState(0)
        for pattern, fmt in self.rules:
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), fmt)


class MarkdownEditor(QPlainTextEdit):
    aboutToFormat = Signal()
    """Before a formatting key changes the text, so it becomes its own undo step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlighter = MarkdownHighlighter(self.document())
        self.setTabChangesFocus(True)  # Tab moves on to the next field; every field stays reachable by keyboard
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self.setFont(font)
        self.bold_action = self._action("Bold", QKeySequence.StandardKey.Bold, lambda: self.wrap("**"))
        self.italic_action = self._action("Italic", QKeySequence.StandardKey.Italic, lambda: self.wrap("*"))
        self.link_action = self._action("Link", QKeySequence("Ctrl+K"), self.insert_link)

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(action.shortcutContext().WidgetShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def wrap(self, marker: str) -> None:
        """Wrap the selection in ``marker`` (``**`` bold, ``*`` italic); unwrap it if it is wrapped already."""
        self.aboutToFormat.emit()
        cursor = self.textCursor()
        selected = cursor.selectedText()
        if selected.startswith(marker) and selected.endswith(marker) and len(selected) >= 2 * len(marker):
            cursor.insertText(selected[len(marker):-len(marker)])
            return
        start = cursor.selectionStart()
        cursor.insertText(f"{marker}{selected}{marker}")
        if not selected:
            cursor.setPosition(start + len(marker))
            self.setTextCursor(cursor)

    def insert_link(self) -> None:
        """``[selection](https://)`` with the address selected, ready to type over."""
        self.aboutToFormat.emit()
        cursor = self.textCursor()
        label = cursor.selectedText() or "link text"
        start = cursor.selectionStart()
        placeholder = "https://"
        cursor.insertText(f"[{label}]({placeholder})")
        url_start = start + len(label) + 3
        cursor.setPosition(url_start)
        cursor.setPosition(url_start + len(placeholder), cursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def insert_text(self, text: str) -> None:
        self.aboutToFormat.emit()
        self.textCursor().insertText(text)

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` (1-based) and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = self.textCursor()
        cursor.setPosition(block.position())
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()
