"""Lesson Markdown as reportlab flowables: real headings, lists, tables and code, not a picture.

The text is parsed with markdown-it-py, the CommonMark parser the checker
uses, so the PDF sees the same structure the checker did.  Every piece of
text goes through :meth:`FontSet.markup`, which escapes it for reportlab's
paragraph markup: ``<``, ``>`` and ``&`` typed by the author are text, never tags.
Raw HTML in a lesson is printed as the author typed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlparse

from markdown_it import MarkdownIt
from markdown_it.token import Token
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem
from reportlab.platypus.flowables import HRFlowable

from authoring.export.pdf.blocks import Block, BlockLook
from authoring.export.pdf.flowables import CodeBlock, Para, hex_color
from authoring.export.pdf.fonts import escape
from authoring.export.pdf.pictures import FittedDrawing, FittedImage, printable_image, svg_drawing
from authoring.export.pdf.run_paragraph import Run, RunPara
from authoring.export.pdf.styles import ACCENT, MUTED, RULE, SHADE, Styles
from authoring.export.pdf.table_columns import FittedTable, longest_word_width

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Text that Markdown would print as it is: one line, none of Markdown's punctuation, no list
# or heading start.  Most feedback, stems and choices are like this; they skip the parser.
_PLAIN = re.compile(r"(?![-+=\s]|\d{1,9}[.)])[^\n\r\x00\\`*_\[\]<>!&#|~]*")
_BULLETS = ("\u2022", "\u25e6", "\u25aa")  # • ◦ ▪ by depth
_PLAIN_BULLETS = ("-", "\u2013", "\u00b7")  # - – · where the font lacks those (Vera has no ◦ or ▪)
_INLINE_TAGS = {"strong": "b", "em": "i", "s": "strike"}
_PICTURE_LOOK = BlockLook(keep_whole_below=float("inf"))
_ALIGNMENTS: dict[str, Literal[0, 1, 2]] = {"center": TA_CENTER, "right": TA_RIGHT}


def is_plain(markdown: str) -> bool:
    """Whether Markdown would print ``markdown`` as it is, so it need not be parsed."""
    return _PLAIN.fullmatch(markdown) is not None


@dataclass
class _ImageRef:
    src: str
    alt: str
    href: str = ""
    """The link the image is inside, if any."""


@dataclass
class MarkdownRenderer:
    styles: Styles
    source_dir: Path
    warnings: list[str] = field(default_factory=list)
    reviewer: bool = False
    """The reviewer edition: a picture without alt text says so where it prints."""
    _list_depth: int = 0
    _prefix: str = ""

    def render(self, markdown: str, style: ParagraphStyle | None = None, lead: Run | None = None) -> list[Flowable]:
        """Block Markdown as flowables; ``lead`` (e.g. "Feedback:") starts the first paragraph."""
        if not markdown.strip():
            return []
        if is_plain(markdown):
            text, style = self.styles.fonts.markup(markdown.strip()), style or self.styles.body
            return [RunPara(text, style, lead=lead) if lead else Para(text, style)]
        tokens = _PARSER.parse(markdown)
        style = style or self.styles.body
        # The lead starts the first paragraph; before a code block, a list or a table it is a line of its own.
        in_paragraph = bool(tokens) and tokens[0].type == "paragraph_open"
        self._prefix = lead.markup + " " if lead and in_paragraph else ""
        flowables, _ = self._blocks(tokens, 0, None, style)
        if lead and not in_paragraph:
            flowables.insert(0, Para(lead.markup, style))
        return flowables

    def inline(self, markdown: str) -> str:
        """One-line Markdown (a title, a stem, a choice) as paragraph markup."""
        if is_plain(markdown):  # parseInline keeps trailing spaces: so does this
            return self.styles.fonts.markup(markdown)
        tokens = _PARSER.parseInline(markdown)
        children = tokens[0].children if tokens and tokens[0].children else []
        return "".join(part if isinstance(part, str) else self._alt_markup(part) for part in self._inline(children))

    def _blocks(self, tokens: list[Token], i: int, stop: str | None,
                style: ParagraphStyle) -> tuple[list[Flowable], int]:
        out: list[Flowable] = []
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == stop:
                return out, i + 1
            if kind == "paragraph_open":
                out += self._paragraph(tokens[i + 1], style)
                i += 3
            elif kind == "heading_open":
                heading_style = {1: self.styles.h2, 2: self.styles.h2, 3: self.styles.h3}.get(
                    int(token.tag[1:]), self.styles.h4)
                out.append(Para(self._markup(tokens[i + 1]), heading_style))
                i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                flowable, i = self._list(tokens, i, style)
                out.append(flowable)
            elif kind == "blockquote_open":
                inner, i = self._blocks(tokens, i + 1, "blockquote_close", style)
                out.append(self.boxed(inner))
            elif kind in ("fence", "code_block", "html_block"):
                out.append(CodeBlock(token.content, self.styles.code, self.styles.fonts))
                i += 1
            elif kind == "hr":
                out.append(HRFlowable(width="100%", thickness=0.7, color=RULE, spaceBefore=6, spaceAfter=10))
                i += 1
            elif kind == "table_open":
                flowable, i = self._table(tokens, i)
                out.append(flowable)
            else:
                i += 1
        return out, i

    def _paragraph(self, inline: Token, style: ParagraphStyle) -> list[Flowable]:
        out: list[Flowable] = []
        text: list[str] = [self._prefix]
        self._prefix = ""
        for part in self._inline(inline.children or []):
            if isinstance(part, str):
                text.append(part)
                continue
            if "".join(text).strip():
                out.append(Para("".join(text), style))
            text = []
            out.append(self._image(part))
        if "".join(text).strip() or not out:
            out.append(Para("".join(text), style))
        return out

    def _markup(self, inline: Token) -> str:
        return "".join(part if isinstance(part, str) else self._alt_markup(part)
                       for part in self._inline(inline.children or []))

    def _alt_markup(self, image: _ImageRef) -> str:
        return f"[{self.styles.fonts.markup(image.alt or image.src)}]"

    def _inline(self, children: list[Token]) -> list[str | _ImageRef]:
        fonts = self.styles.fonts
        parts: list[str | _ImageRef] = []
        links: list[tuple[str, int, list[str]]] = []
        for token in children:
            kind = token.type
            if kind in ("text", "code_inline") and links:
                links[-1][2].append(token.content)
            if kind in ("text", "html_inline"):
                parts.append(fonts.markup(token.content))
            elif kind == "softbreak":
                parts.append(" ")
            elif kind == "hardbreak":
                parts.append("<br/>")
            elif kind == "code_inline":
                parts.append(f'<font face="{fonts.mono.name}" backColor="{hex_color(SHADE)}">'
                             f"{fonts.markup(token.content, mono=True)}</font>")
            elif kind.endswith("_open") and kind[:-5] in _INLINE_TAGS:
                parts.append(f"<{_INLINE_TAGS[kind[:-5]]}>")
            elif kind.endswith("_close") and kind[:-6] in _INLINE_TAGS:
                parts.append(f"</{_INLINE_TAGS[kind[:-6]]}>")
            elif kind == "link_open":
                links.append((str(token.attrs.get("href", "")), len(parts), []))
            elif kind == "link_close" and links:
                href, start, shown = links.pop()
                inside = parts[start:]
                del parts[start:]
                label = "".join(part for part in inside if isinstance(part, str))
                images = [replace(part, href=href) for part in inside if isinstance(part, _ImageRef)]
                # A linked picture prints (clickable), then the link's words and address: paper cannot click.
                parts += images
                if images and not label.strip() and href and not href.startswith("#"):
                    address = _printed_address(href)
                    parts.append(self._link(self.styles.fonts.markup(address), address, href))
                else:
                    parts.append(self._link(label, "".join(shown), href))
            elif kind == "image":
                parts.append(_ImageRef(str(token.attrs.get("src", "")), token.content))
        return parts

    def _link(self, label: str, shown: str, href: str) -> str:
        """A clickable link, with the address printed too since paper cannot click."""
        fonts = self.styles.fonts
        if href.startswith("#") or not href:
            return label
        address = _printed_address(href)
        anchor = f'<a href="{escape(href)}" color="{hex_color(ACCENT)}"><u>{label}</u></a>'
        if shown.strip() in (href, address, _PARSER.normalizeLinkText(href)):
            return anchor
        return f'{anchor} <font size="8.5" color="{hex_color(MUTED)}">({fonts.markup(address)})</font>'

    def _list(self, tokens: list[Token], i: int, style: ParagraphStyle) -> tuple[Flowable, int]:
        opening = tokens[i]
        ordered = opening.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        item_style = ParagraphStyle(f"list{self._list_depth}", parent=style, spaceAfter=3)
        items: list[Any] = []  # ListItem, which the stubs do not count as a flowable
        self._list_depth += 1
        i += 1
        while i < len(tokens) and tokens[i].type != close:
            inner, i = self._blocks(tokens, i + 1, "list_item_close", item_style)
            items.append(ListItem(inner or [Para("", item_style)]))
        self._list_depth -= 1
        font = self.styles.fonts.body.name
        if ordered:
            start = int(opening.attrs.get("start", 1))
            # reportlab draws no number for a value of 0 (BulletDrawer tests ``not value``): a list
            # from 0 counts from 1 and prints each number less one.
            number_format = _one_less if start == 0 else "%s."
            flowable = ListFlowable(items, bulletType="1", start=start or 1,
                                    bulletFormat=number_format, bulletFontName=font, bulletFontSize=style.fontSize,
                                    leftIndent=18, bulletColor=MUTED, spaceAfter=4)
        else:
            flowable = ListFlowable(items, bulletType="bullet",
                                    start=self._bullet(),
                                    bulletFontName=font, bulletFontSize=style.fontSize,
                                    leftIndent=18, bulletColor=MUTED, spaceAfter=4)
        return flowable, i + 1

    def _bullet(self) -> str:
        """This depth's bullet in a glyph the body font has: reportlab draws a missing one as an empty box."""
        depth = min(self._list_depth, len(_BULLETS) - 1)
        cmap = self.styles.fonts.body.cmap
        return next((bullet for bullet in (_BULLETS[depth], _PLAIN_BULLETS[depth]) if ord(bullet) in cmap), "-")

    def _table(self, tokens: list[Token], i: int) -> tuple[Flowable, int]:
        rows: list[list[Flowable]] = []
        lengths: list[list[int]] = []
        widest: list[list[float]] = []
        bold, size = self.styles.bold_font, self.styles.table_cell.fontSize
        aligns: list[str] = []
        header_rows = 0
        in_head = False
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                lengths.append([])
                widest.append([])
                header_rows += in_head
            elif token.type in ("th_open", "td_open"):
                style = self.styles.table_head if token.type == "th_open" else self.styles.table_cell
                align = str(token.attrs.get("style", "")).removeprefix("text-align:")
                if len(rows) == 1:
                    aligns.append(align)
                cell_style = ParagraphStyle("cell", parent=style, alignment=_ALIGNMENTS.get(align, TA_LEFT))
                inline = tokens[i + 1]
                rows[-1].append(Para(self._markup(inline), cell_style))
                lengths[-1].append(len(inline.content))
                # Measured in bold, the widest of the cell's faces (a header, **strong** or `code`).
                shown = " ".join(child.content for child in inline.children or [])
                widest[-1].append(longest_word_width(shown, bold, size))
            i += 1
        columns = max((len(row) for row in rows), default=1)
        for row in rows:
            row.extend([Para("", self.styles.table_cell)] * (columns - len(row)))
        weights = [min(max((lengths[r][c] if c < len(lengths[r]) else 0) for r in range(len(rows))), 40) + 6
                   for c in range(columns)]
        table = FittedTable(rows, repeatRows=header_rows, splitInRow=1, hAlign="LEFT")
        table.weights = [float(weight) for weight in weights]
        table.minimums = [max((row[c] for row in widest if c < len(row)), default=0.0) for c in range(columns)]
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        if header_rows:
            commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
                         ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, MUTED)]
        table.setStyle(self.styles.table_style(commands))
        table.spaceBefore, table.spaceAfter = 4, 10
        return table, i + 1

    def _image(self, image: _ImageRef) -> Flowable:
        fonts, alt = self.styles.fonts, image.alt.strip()
        caption = Para(fonts.markup(alt), self.styles.caption) if alt else None
        if not alt and self.reviewer:  # the review notes name its line; this shows the reviewer which picture
            caption = Para("<i>No alt text: screen readers skip this picture. Describe it inside ![…]</i>",
                           self.styles.caption)
        url = urlparse(image.src)
        if url.scheme in ("http", "https") or image.src.startswith("//"):
            return self.boxed([Para(f"Image on the web, not printed: {fonts.markup(alt or 'no description')} "
                                         f"({fonts.markup(image.src)})", self.styles.small)])
        path = self.source_dir / unquote(url.path)
        picture: FittedImage
        try:
            if path.suffix.lower() == ".svg":
                picture = FittedDrawing(svg_drawing(path, fonts), href=image.href)
            else:
                reader, (width, height) = printable_image(path)
                picture = FittedImage(reader, width * 0.75, height * 0.75, href=image.href)
        except Exception as exc:  # PIL and svglib raise many kinds for unreadable images
            self.warnings.append(f"image '{image.src}' could not be read ({exc.__class__.__name__}); "
                                 "its alt text is printed instead")
            return self.boxed([Para(f"Image '{fonts.markup(image.src)}' could not be read: "
                                         f"{fonts.markup(alt or 'no description')}", self.styles.small)])
        # Kept whole (an image is at most IMAGE_MAX_HEIGHT tall) by a Block rather than reportlab's
        # KeepTogether, which reports a huge height to force a split and so breaks any block around it.
        if caption is None:
            return Block([picture], _PICTURE_LOOK)
        return Block([picture, caption], replace(_PICTURE_LOOK, space_after=caption.getSpaceAfter()))

    def boxed(self, flowables: list[Flowable], background: Color = SHADE, bar: Color = RULE) -> Flowable:
        """Flowables in a shaded box with a bar on the left (quotes, explanations, notes)."""
        return Block(flowables, BlockLook(padding=(10, 8, 6, 4), background=background, bar=bar, space_before=2,
                                          space_after=8))


def _printed_address(href: str) -> str:
    # The parser percent-encodes the target (and punycodes the host) so that it works; paper shows
    # the address as the author typed it, which is what a reader can type in turn.
    return _PARSER.normalizeLinkText(href).removeprefix("mailto:")


def _one_less(number: str) -> str:
    return f"{int(number) - 1}."
