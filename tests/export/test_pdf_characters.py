"""Every character the author typed reaches the page, in embedded fonts; none crashes the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pdf_support import export_pdf, pdf_text, pdffonts

from authoring.export.pdf import fonts as font_lookup
from authoring.export.pdf.fonts import REPLACEMENT, FontSet, load_fonts

HARD_COURSE = """\
---
title: Markup <b>bold</b> & "quotes" — Ελληνικά 日本語 😀
author: Zoë & <Ålex> "O'Brien"
language: en
description: Backslash \\ and <i>tags</i> & ampersands; 中文 text.
version: 0.9 <beta>
---

# Lesson: Characters <b>not bold</b> & "quoted" {#chars}

Literal <b>bold tag</b>, a < b > c && d, "double" and 'single' quotes, C:\\path\\to\\file, &amp;lt; and &#60;.

Accents: café, naïve, Ærø, Łódź. Greek: Καλημέρα κόσμε. Cyrillic: Привет, мир.

Chinese 你好，世界。 Japanese こんにちは世界。 Korean 안녕하세요. Mixed: 東京 Tokyo 2024年.

Emoji: 👍🏽 👨‍👩‍👧 ❤️ and a hieroglyph 𓀀.

```text
if (a < b && c > d) { printf("%s\\n", "<b>not bold</b>"); } // 日本語
```

| <th> | & |
|---|---|
| <td> | "x" |

<div>raw & block</div>

# Quiz: Quiz <with> & "stuff" {#quiz}

## Which is <b>right</b> & "true"? {#first}

- [x] Choice <one> & "1"
  > Feedback <fb1> & 'yes' 日本語
- [ ] Choice two \\\\ backslash 😀
  > Feedback two: Привет

Explanation: Explanation <exp> & "why" — Ελληνικά 中文.

## Another one {#second}

- [x] A & B
- [ ] C < D

Explanation: Because & <since>.

# Reflection: Think <hard> & write {#think}

Write about 日本 & <things>.
"""


@pytest.fixture(scope="module")
def hard_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hard")
    (folder / "course.md").write_text(HARD_COURSE, encoding="utf-8")
    return folder / "course.md"


@pytest.mark.parametrize("edition", ["learner", "reviewer"])
def test_markup_characters_scripts_and_emoji_export_as_typed(hard_course: Path, tmp_path: Path,
                                                            edition: str) -> None:
    target = tmp_path / "hard.pdf"
    steps = export_pdf(hard_course, target, edition=edition)
    text = pdf_text(target)
    for passage in ('Literal <b>bold tag</b>, a < b > c && d, "double" and \'single\' quotes, C:\\path\\to\\file, '
                    "&lt; and <.",
                    "Characters <b>not bold</b> & \"quoted\"", "Markup <b>bold</b> & \"quotes\"",
                    "café, naïve, Ærø, Łódź", "Καλημέρα κόσμε", "Привет, мир",
                    "你好，世界。", "こんにちは世界。", "안녕하세요", "東京 Tokyo 2024年",
                    'printf("%s\\n", "<b>not bold</b>"); } // 日本語',
                    "<th> & <td> \"x\"", "<div>raw & block</div>",
                    "Choice <one> & \"1\"", "Choice two \\ backslash", "Write about 日本 & <things>."):
        assert passage in text
    if edition == "reviewer":
        for passage in ("Feedback <fb1> & 'yes' 日本語", "Explanation <exp> & \"why\" — Ελληνικά 中文.",
                        "Because & <since>.", "Zoë & <Ålex> \"O'Brien\"", "0.9 <beta>"):
            assert passage in text
    # The emoji and the hieroglyph have no font here: one visible mark each, and a single warning.
    assert f"Emoji: {REPLACEMENT} {REPLACEMENT} ❤" in text
    assert f"hieroglyph {REPLACEMENT}" in text
    emoji = [step.message for step in steps if "emoji cannot be printed" in step.message]
    others = [step.message for step in steps if "no font in use has glyphs" in step.message]
    assert len(emoji) == len(others) == 1
    assert "U+1F44D" in emoji[0] and "U+13000" not in emoji[0]
    assert "U+13000" in others[0] and "U+1F44D" not in others[0] and "--font" in others[0]


def test_every_font_is_embedded_cjk_included(hard_course: Path, tmp_path: Path) -> None:
    target = tmp_path / "hard.pdf"
    export_pdf(hard_course, target, edition="reviewer")
    fonts = pdffonts(target)
    assert fonts
    assert all(font["emb"] == "yes" for font in fonts), fonts
    names = " ".join(font["name"] for font in fonts)
    assert "DejaVuSans" in names and "DejaVuSansMono" in names and "NotoSansCJK" in names


def test_a_latin_course_needs_no_cjk_font(tmp_path: Path) -> None:
    course = tmp_path / "course.md"
    course.write_text("---\ntitle: Plain\n---\n\n# Lesson: One\n\nJust text.\n", encoding="utf-8")
    export_pdf(course, tmp_path / "plain.pdf")
    fonts = pdffonts(tmp_path / "plain.pdf")
    assert all(font["emb"] == "yes" for font in fonts)
    assert not any("CJK" in font["name"] for font in fonts)


def test_the_author_chooses_the_font_by_family_or_file(hard_course: Path, tmp_path: Path) -> None:
    export_pdf(hard_course, tmp_path / "serif.pdf", font="Liberation Serif")
    names = [font["name"] for font in pdffonts(tmp_path / "serif.pdf")]
    assert any("LiberationSerif" in name for name in names)
    # Greek is in Liberation Serif; what it lacks still comes from the fallbacks.
    assert "你好，世界。" in pdf_text(tmp_path / "serif.pdf")

    font_file = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    steps = export_pdf(hard_course, tmp_path / "file.pdf", font=str(font_file))
    names = [font["name"] for font in pdffonts(tmp_path / "file.pdf")]
    assert any(name.endswith("+DejaVuSerif") for name in names), names
    # An installed file brings its family's bold (the headings); a lone copy prints in its one face, and says so.
    assert any(name.endswith("+DejaVuSerif-Bold") for name in names), names
    assert not any("bold and italic" in step.message for step in steps)
    lone = tmp_path / "MyFont.ttf"
    lone.write_bytes(font_file.read_bytes())
    steps = export_pdf(hard_course, tmp_path / "lone.pdf", font=str(lone))
    assert any("MyFont.ttf: bold and italic text print in this one face" in step.message for step in steps)
    assert not any("Bold" in font["name"] and "Serif" in font["name"] for font in pdffonts(tmp_path / "lone.pdf"))


def test_an_unknown_font_falls_back_with_a_warning(hard_course: Path, tmp_path: Path) -> None:
    steps = export_pdf(hard_course, tmp_path / "x.pdf", font="No Such Font 42")
    assert any("'No Such Font 42' is not installed" in step.message for step in steps)
    assert any("DejaVuSans" in font["name"] for font in pdffonts(tmp_path / "x.pdf"))


def test_without_fontconfig_fonts_it_falls_back_to_vera_and_says_so(hard_course: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_lookup, "_fc_match", lambda pattern: None)
    steps = export_pdf(hard_course, tmp_path / "vera.pdf")
    messages = " ".join(step.message for step in steps)
    assert "reportlab's Vera" in messages
    assert "no font in use has glyphs" in messages  # Greek, Cyrillic and CJK are not in Vera
    fonts = pdffonts(tmp_path / "vera.pdf")
    assert all(font["emb"] == "yes" for font in fonts)
    assert any("Vera" in font["name"] for font in fonts)
    assert 'Characters <b>not bold</b> & "quoted"' in pdf_text(tmp_path / "vera.pdf")


def test_markup_escapes_and_picks_a_font_per_run() -> None:
    fonts: FontSet = load_fonts(set("Tokyo 東京 <&>\""), None, "en")
    markup = fonts.markup('<b>Tokyo</b> & "東京"')
    assert markup.startswith("&lt;b&gt;Tokyo&lt;/b&gt; &amp; &quot;")
    cjk = fonts.fallbacks[-1].name
    assert f'<font face="{cjk}">東京</font>' in markup
    assert fonts.missing == {}


def test_each_export_in_one_session_prints_its_own_cjk_characters(tmp_path: Path) -> None:
    """The editor exports many times in one process; each document subsets the CJK font for its own text."""
    for number, words in enumerate(["日本語の文", "パスと道", "한국어 문장"]):
        folder = tmp_path / str(number)
        folder.mkdir()
        source = folder / "course.md"
        source.write_text(f"---\ntitle: CJK\n---\n\n# Lesson: Words\n\nSay {words} here.\n", encoding="utf-8")
        export_pdf(source, folder / "cjk.pdf")
        assert f"Say {words} here." in pdf_text(folder / "cjk.pdf")


@pytest.mark.parametrize(("text", "printed"), [
    ("Flag \U0001F1EB\U0001F1F7 end", f"Flag {REPLACEMENT} end"),  # 🇫🇷: two code points, one flag
    ("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA", REPLACEMENT * 2),  # 🇫🇷🇩🇪
    ("\U0001F1EB\U0001F1F7\U0001F1E9", REPLACEMENT * 2),  # a flag and a lone letter
    ("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", REPLACEMENT),  # England's flag
])
def test_an_emoji_flag_prints_as_one_mark(text: str, printed: str) -> None:
    fonts = load_fonts(set(text), None, "en")
    assert fonts.markup(text) == printed


def test_the_emoji_warning_says_no_font_can_help() -> None:
    """reportlab draws no colour emoji font: advising to install one (fonts-noto) would send the author astray."""
    fonts = load_fonts(set("a\U0001F680"), None, "en")
    fonts.markup("a \U0001F680")
    [warning] = fonts.missing_warnings()
    assert "1 emoji cannot be printed: \U0001F680 (U+1F680)" in warning
    assert "colour emoji fonts" in warning and "does not help" in warning
    assert "fonts-noto" not in warning and "Install" not in warning


@pytest.mark.parametrize("installed", [[], ["Noto Sans Egyptian Hieroglyphs"]])
def test_the_missing_glyph_warning_names_an_installed_font_or_says_to_install_one(
        monkeypatch: pytest.MonkeyPatch, installed: list[str]) -> None:
    monkeypatch.setattr(font_lookup, "_families_with", lambda chars: installed)
    fonts = load_fonts(set("a\U00013000"), None, "en")
    fonts.markup("a \U00013000")
    [warning] = fonts.missing_warnings()
    assert "1 character(s): \U00013000 (U+13000)" in warning
    if installed:
        assert "Installed fonts that have them: Noto Sans Egyptian Hieroglyphs; choose one with --font" in warning
    else:
        assert "Install a font that has them" in warning


def test_installed_families_are_found_by_the_characters_they_have() -> None:
    assert "DejaVu Sans" in font_lookup._families_with(list("Ωж"))
    assert all("emoji" not in family.casefold() for family in font_lookup._families_with(["\U0001F680"]))


@pytest.mark.parametrize(("body", "bold_cjk"), [("Plain 日本語 only.", False), ("Plain 日本語 and **太字**.", True)])
def test_cjk_in_bold_text_prints_in_the_cjk_bold_face(tmp_path: Path, body: str, bold_cjk: bool) -> None:
    # reportlab takes a <font face> run as regular: CJK inside bold text printed regular before.
    source = tmp_path / "course.md"
    source.write_text(f"---\ntitle: CJK\nlanguage: ja\n---\n\n# Lesson: Words\n\n{body}\n", encoding="utf-8")
    export_pdf(source, tmp_path / "cjk.pdf")
    names = [font["name"] for font in pdffonts(tmp_path / "cjk.pdf")]
    assert any("NotoSansCJK" in name and "Regular" in name for name in names), names
    assert any("NotoSansCJK" in name and "Bold" in name for name in names) == bold_cjk, names
    assert body.replace("**", "") in pdf_text(tmp_path / "cjk.pdf")


def test_a_heading_in_cjk_prints_in_the_cjk_bold_face(tmp_path: Path) -> None:
    source = tmp_path / "course.md"
    source.write_text("---\ntitle: CJK\nlanguage: ja\n---\n\n# Lesson: 顧客志向\n\nPlain text.\n", encoding="utf-8")
    export_pdf(source, tmp_path / "cjk.pdf")
    assert any("NotoSansCJK" in font["name"] and "Bold" in font["name"] for font in pdffonts(tmp_path / "cjk.pdf"))


@pytest.mark.parametrize(("text", "warned"), [("שלום עולם", True), ("مرحبا بالعالم", True), ("Hello, Ελληνικά", False)])
def test_right_to_left_text_is_warned_about(tmp_path: Path, text: str, warned: bool) -> None:
    # reportlab cannot order right-to-left words without rlbidi, which is not on PyPI, so it is no dependency.
    source = tmp_path / "course.md"
    source.write_text(f"---\ntitle: Words\n---\n\n# Lesson: Words\n\n{text}\n", encoding="utf-8")
    steps = export_pdf(source, tmp_path / "words.pdf")
    assert any("right-to-left text" in step.message for step in steps) == warned
