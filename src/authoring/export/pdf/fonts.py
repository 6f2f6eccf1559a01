"""Fonts that can show what the author wrote, found through fontconfig and embedded.

Text is split into runs, each set in the first font of a fallback chain that
has its glyphs: the body font (DejaVu Sans unless the author chose another),
DejaVu Sans again behind a chosen font, then Noto Sans CJK.  A character no
font has is replaced by a visible mark and reported once, so emoji or a script
without a font never stops the export.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import ps2tt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from authoring.export.pdf.cff_to_truetype import cmap_of, is_cff, truetype_subset

DEFAULT_FAMILY = "DejaVu Sans"
MONO_FAMILIES = ("DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono")
STYLES = ("regular", "bold", "italic", "bold_italic")
_FC_STYLES = {"regular": "", "bold": ":weight=bold", "italic": ":slant=italic",
              "bold_italic": ":weight=bold:slant=italic"}
_VERA = {"regular": "Vera.ttf", "bold": "VeraBd.ttf", "italic": "VeraIt.ttf", "bold_italic": "VeraBI.ttf"}
_CJK_VARIANTS = {"ja": "JP", "ko": "KR", "zh-tw": "TC", "zh-hant": "TC", "zh-hk": "HK", "zh-mo": "HK"}
REPLACEMENT = "\ufffd"
ZWJ = "\u200d"
# Invisible characters (joiners, variation selectors, skin-tone modifiers) that
# belong to the emoji before them: dropped rather than shown as extra marks.
_ABSORBED = frozenset({"Cf", "Mn", "Me"})
_MODIFIERS = range(0x1F3FB, 0x1F400)
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0


@dataclass
class Face:
    """One registered reportlab font family and the characters it can show."""

    name: str
    """The family name to use in paragraph markup; bold and italic map through it."""
    styles: dict[str, str]
    """Style ("regular", "bold", …) to the registered font name."""
    cmap: frozenset[int]

    def __post_init__(self) -> None:
        self.characters = frozenset(map(chr, self.cmap))
        """The same as ``cmap``, as characters: checking a whole string against it is one set operation."""


@dataclass
class FontSet:
    body: Face
    mono: Face
    fallbacks: list[Face]
    warnings: list[str] = field(default_factory=list)
    missing: dict[str, None] = field(default_factory=dict)
    """Characters no font could show, in order of first appearance."""
    on_vera: bool = False
    """No DejaVu or Noto was found: the body is reportlab's Vera, and one warning says so with what it lacks."""

    @property
    def replacement(self) -> str:
        """The mark printed for a character no font has: U+FFFD where the body font draws it."""
        return REPLACEMENT if ord(REPLACEMENT) in self.body.cmap else "?"

    def shows(self, text: str) -> bool:
        """Whether every character of ``text`` prints in some font of the document (layout marks such as ✓)."""
        return all(_face_for(char, [self.body, *self.fallbacks]) is not None for char in text)

    def markup(self, text: str, *, mono: bool = False) -> str:
        """``text`` as reportlab paragraph markup: escaped, with a font per run of glyphs."""
        first = self.mono if mono else self.body
        chain = [first, *(face for face in (self.body, *self.fallbacks) if face is not first)]
        if first.characters.issuperset(text):
            return escape(text)
        runs: list[tuple[Face, list[str]]] = []
        # After a replaced emoji, its joiners, selectors, modifiers and joined parts are one mark;
        # so is the second of the two regional indicator letters that make a flag.
        absorbing = joined = half_flag = False
        for original in text:
            char = original
            face = _face_for(char, chain)
            invisible = unicodedata.category(char) in _ABSORBED or ord(char) in _MODIFIERS
            flag_letter = face is None and ord(char) in _REGIONAL_INDICATORS
            if absorbing and (invisible or (joined and face is None) or (half_flag and flag_letter)):
                if flag_letter:
                    self.missing.setdefault(char)
                joined, half_flag = char == ZWJ, False
                continue
            absorbing = joined = half_flag = False
            if face is None:
                if invisible or not char.isprintable():
                    continue
                self.missing.setdefault(char)
                face, char = first, (REPLACEMENT if ord(REPLACEMENT) in first.cmap else "?")
                absorbing, half_flag = True, flag_letter
            if runs and runs[-1][0] is face:
                runs[-1][1].append(char)
            else:
                runs.append((face, [char]))
        return "".join(
            escape("".join(chars)) if face is first and not mono
            else f'<font face="{face.name}">{escape("".join(chars))}</font>'
            for face, chars in runs
        )

    def missing_warnings(self) -> list[str]:
        """What to say about the characters printed as marks, emoji apart: no font the PDF can use has those."""
        if self.on_vera:
            return [self._vera_warning()]
        emoji = [char for char in self.missing if _is_emoji(char)]
        others = [char for char in self.missing if not _is_emoji(char)]
        warnings = []
        if emoji:
            warnings.append(
                f"{len(emoji)} emoji cannot be printed: {_listed(emoji)}; they are printed as '{self.replacement}'. "
                "reportlab, which draws the PDF, cannot use colour emoji fonts (such as Noto Color Emoji), so "
                "installing fonts does not help: where an emoji carries meaning, say it in words too")
        if others:
            families = _families_with(others)
            advice = (f"Installed fonts that have them: {', '.join(families[:4])}; choose one with --font"
                      if families else "Install a font that has them (fonts-noto covers most scripts) and "
                      "choose it with --font")
            warnings.append(f"no font in use has glyphs for {len(others)} character(s): {_listed(others)}; "
                            f"they are printed as '{self.replacement}'. {advice}")
        return warnings

    def _vera_warning(self) -> str:
        """The one warning of a document set in Vera: the fonts were not found, and what Vera cannot show."""
        lead = ("neither DejaVu Sans nor Noto Sans was found through fontconfig, so the PDF uses reportlab's Vera")
        advice = "install fonts-dejavu, or choose an installed font with --font ('fc-list : family' lists them)"
        if not self.missing:
            return f"{lead}, which has no Greek, Cyrillic or CJK glyphs; for those, {advice}"
        chars = list(self.missing)
        emoji = (" (most emoji print as marks in any font: reportlab cannot use colour emoji fonts)"
                 if any(map(_is_emoji, chars)) else "")
        return (f"{lead}: no font in use has glyphs for {len(chars)} character(s): {_listed(chars)}; they are "
                f"printed as '{self.replacement}'{emoji}. For them, {advice}")


def _listed(chars: list[str]) -> str:
    shown = ", ".join(f"{char} (U+{ord(char):04X})" for char in chars[:8])
    return shown + (f" and {len(chars) - 8} more" if len(chars) > 8 else "")


def _is_emoji(char: str) -> bool:
    return any(ord(char) in block for block in _EMOJI_BLOCKS)


_EMOJI_BLOCKS = (range(0x1F000, 0x1FB00), range(0x2300, 0x2400), range(0x2600, 0x27C0), range(0x2B00, 0x2C00))
"""Where emoji live (pictographs, flags, dingbats, arrows and stars); drawn only by colour fonts, if at all."""


def _families_with(chars: list[str]) -> list[str]:
    """The installed font families, colour emoji fonts apart, that have every one of ``chars``."""
    program = shutil.which("fc-list")
    if program is None:
        return []
    charset = " ".join(f"{ord(char):x}" for char in chars)
    try:
        result = subprocess.run([program, f":charset={charset}", "family"], capture_output=True, text=True,
                                timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    families = {line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip()}
    return sorted(family for family in families if "emoji" not in family.casefold())


def _face_for(char: str, chain: list[Face]) -> Face | None:
    code = ord(char)
    for face in chain:
        if code in face.cmap:
            return face
    return None


def escape(text: str) -> str:
    """Text made safe for reportlab's paragraph markup, which is XML-like."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def load_fonts(characters: set[str], choice: str | None, language: str) -> FontSet:
    """The fonts for a document using ``characters``; ``choice`` is a family name or a font file."""
    warnings: list[str] = []
    codes = frozenset(ord(char) for char in characters)
    body_files = _choose_body(choice, warnings)
    try:
        body = _register_family(body_files, codes)
    # reportlab refuses a font without outlines (a colour emoji or bitmap font) as TTFError, struct.error...
    except Exception as exc:
        if not choice or Path(choice).expanduser().is_file():
            raise  # a font file the author named: the command line reports it before exporting
        reason = str(exc).strip() or type(exc).__name__
        warnings.append(f"the font '{choice}' cannot be embedded in a PDF ({reason}); using {DEFAULT_FAMILY} "
                        "instead. Colour emoji and bitmap fonts cannot be used: choose a font with outlines "
                        "('fc-list : family' lists the installed fonts)")
        choice = None
        body_files = _choose_body(None, warnings)
        body = _register_family(body_files, codes)
    mono_files = next((files for family in MONO_FAMILIES if (files := _fc_family(family))), None)
    mono = _register_family(mono_files, codes) if mono_files else body
    fallbacks: list[Face] = []
    if choice and (dejavu := _fc_family(DEFAULT_FAMILY)):
        fallbacks.append(_register_family(dejavu, codes))
    known = body.cmap | mono.cmap
    for face in fallbacks:
        known |= face.cmap
    unknown = {code for code in codes if code not in known and chr(code).isprintable()}
    if unknown:
        cjk = _cjk_files(language)
        # Only when it has some of them: emoji alone would make an empty subset, which reportlab refuses.
        if cjk is not None and not unknown.isdisjoint(_cmap(cjk["regular"])):
            fallbacks.append(_register_family(cjk, codes))
    return FontSet(body, mono, fallbacks, warnings, on_vera=body_files == _VERA_FILES)


def _choose_body(choice: str | None, warnings: list[str]) -> dict[str, FontFile]:
    if choice and Path(choice).expanduser().is_file():
        return _file_family(Path(choice).expanduser(), warnings)
    if choice:
        files = _fc_family(choice)
        if files:
            return files
        warnings.append(f"the font '{choice}' is not installed (fontconfig does not know it); "
                        f"using {DEFAULT_FAMILY} instead. 'fc-list : family' lists the installed fonts")
    for family in (DEFAULT_FAMILY, "Noto Sans"):
        files = _fc_family(family)
        if files:
            return files
    return dict(_VERA_FILES)  # FontSet.missing_warnings says so, with the characters Vera lacks


_VERA_FILES = {style: FontFile(name) for style, name in _VERA.items()}


def _file_family(path: Path, warnings: list[str]) -> dict[str, FontFile]:
    """A font file and, when fontconfig knows its family with this very file, the family's bold and italic."""
    family = _run_fc_query(path)
    files = _fc_family(family) if family else None
    if files and Path(files["regular"].path).resolve() == path.resolve():
        return files
    warnings.append(f"{path.name}: bold and italic text print in this one face; give the font's family name "
                    "instead ('fc-list : family' lists them) to use its bold and italic files")
    return dict.fromkeys(STYLES, FontFile(str(path)))


def _run_fc_query(path: Path) -> str | None:
    program = shutil.which("fc-query")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "-f", "%{family[0]}\n", str(path)], capture_output=True, text=True,
                                timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    family = result.stdout.split("\n")[0].strip()
    return family if result.returncode == 0 and family else None


def _fc_family(family: str) -> dict[str, FontFile] | None:
    """The regular, bold, italic and bold italic files of ``family``, or ``None`` if it is not installed."""
    regular = _fc_match(family)
    if regular is None or regular[1].casefold() != family.casefold():
        return None
    files = {"regular": regular[0]}
    for style in STYLES[1:]:
        match = _fc_match(family + _FC_STYLES[style])
        files[style] = match[0] if match and match[1].casefold() == family.casefold() else regular[0]
    return files


def _cjk_files(language: str) -> dict[str, FontFile] | None:
    """Noto Sans CJK in the variant the language writes, with its bold face where installed (CJK has no
    italic: italic text takes the upright faces)."""
    tag = language.casefold()
    variant = _CJK_VARIANTS.get(tag) or _CJK_VARIANTS.get(tag.split("-")[0], "SC")
    for family in (f"Noto Sans CJK {variant}", "Noto Sans CJK SC"):
        files = _fc_family(family)
        if files:
            return files
    return None


def _fc_match(pattern: str) -> tuple[FontFile, str] | None:
    return _FC_CACHE.get(pattern) or _FC_CACHE.setdefault(pattern, _run_fc_match(pattern))


_FC_CACHE: dict[str, tuple[FontFile, str] | None] = {}


def _run_fc_match(pattern: str) -> tuple[FontFile, str] | None:
    program = shutil.which("fc-match")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "-f", "%{file}\n%{index}\n%{family[0]}", pattern],
                                capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = result.stdout.split("\n")
    if result.returncode != 0 or len(lines) < 3 or not lines[0]:
        return None
    path = lines[0]
    if not path.lower().endswith((".ttf", ".ttc", ".otf")):
        return None  # Type 1 or bitmap fonts cannot be embedded this way
    return FontFile(path, int(lines[1] or 0)), lines[2]


def _register_family(files: dict[str, FontFile], codes: frozenset[int]) -> Face:
    names = {style: _register(file, codes) for style, file in files.items()}
    family = names["regular"]
    pdfmetrics.registerFontFamily(family, normal=family, bold=names["bold"], italic=names["italic"],
                                  boldItalic=names["bold_italic"])
    _FAMILY_STYLES[family] = names
    return Face(family, names, _cmap(files["regular"]))


_FAMILY_STYLES: dict[str, dict[str, str]] = {}
_EMPHASIS_TAG = re.compile(r'<(/?)(b|strong|i|em|font)\b([^>]*)>')
_FACE = re.compile(r'face="([^"]+)"')


def keep_emphasis(markup: str, base_font: str) -> str:
    """``markup`` with each ``<font face>`` run named in the bold or italic face it sits in.

    reportlab takes a ``<font face>`` as the face's regular style, so a CJK run (or code) in a heading or
    in bold text would print regular: the run gets the registered face of its style instead.
    """
    if "<font face=" not in markup:
        return markup
    bold, italic = 0, 0
    with contextlib.suppress(ValueError):  # not a registered family (reportlab's own default): plain
        _, bold, italic = ps2tt(base_font)
    stack: list[tuple[int, int]] = []
    parts: list[str] = []
    position = 0
    for match in _EMPHASIS_TAG.finditer(markup):
        closing, tag, attributes = match.groups()
        if closing:
            if stack:
                bold, italic = stack.pop()
            continue
        stack.append((bold, italic))
        if tag in ("b", "strong"):
            bold = 1
        elif tag in ("i", "em"):
            italic = 1
        elif (face := _FACE.search(attributes)) and face.group(1) in _FAMILY_STYLES and (bold or italic):
            style = "bold_italic" if bold and italic else "bold" if bold else "italic"
            named = _FAMILY_STYLES[face.group(1)][style]
            parts.append(markup[position:match.start()] + match.group(0).replace(face.group(0), f'face="{named}"'))
            position = match.end()
    return "".join(parts) + markup[position:]


def _cmap(file: FontFile) -> frozenset[int]:
    if not Path(file.path).is_absolute():
        face = pdfmetrics.getFont(_register(file, frozenset())).face  # type: ignore[attr-defined]
        return frozenset(face.charToGlyph)
    return cmap_of(file.path, file.index)


class _MeasuringTTFont(TTFont):
    """reportlab's TrueType font, remembering how wide each word is at each size.

    reportlab measures every word of a paragraph each time it lays the paragraph out, and a course
    uses the same few thousand words over and over: a look-up is cheaper than measuring again.
    """

    _KEEP = 100_000
    """Widths kept at most; a long editor session starts over rather than grow without end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= self._KEEP:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width


def _register(file: FontFile, codes: frozenset[int]) -> str:
    """Registers the font with reportlab once, under a name that depends on what it holds."""
    if Path(file.path).is_absolute() and is_cff(file.path, file.index):
        # Only the characters this document uses: the result depends on them.
        wanted = codes & cmap_of(file.path, file.index)
        data = truetype_subset(file.path, file.index, wanted)
        name = "F" + hashlib.sha1(data).hexdigest()[:12]
        if name not in _REGISTERED:
            font = _MeasuringTTFont(name, io.BytesIO(data))
            # reportlab registers a font under its PostScript name too, and hands out the first font
            # of a name for any later one: a later subset, with other glyphs, needs a name of its own.
            font.face.name += b"-" + name.encode("ascii")
            pdfmetrics.registerFont(font)
            _REGISTERED.add(name)
        return name
    name = "F" + hashlib.sha1(f"{file.path}:{file.index}".encode()).hexdigest()[:12]
    if name not in _REGISTERED:
        pdfmetrics.registerFont(_MeasuringTTFont(name, file.path, subfontIndex=file.index))
        _REGISTERED.add(name)
    return name


_REGISTERED: set[str] = set()
