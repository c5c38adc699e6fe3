"""Every colour is a token with a light and a dark value (docs/app.md, "Dark mode"): base.css
holds the light set, dark.css the dark one, and no stylesheet, template or script paints
with a colour of its own, so nothing is left light-only in the dark."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "heartwork"
BASE = SRC / "static" / "heartwork" / "base.css"
DARK = SRC / "static" / "heartwork" / "dark.css"
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(")
NOT_COLOURS = {"--radius", "--shadow", "--font"}


def _root(text: str) -> str:
    start = text.index(":root {")
    return text[start : text.index("\n}", start)]


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"(--[a-z0-9-]+)\s*:", _root(text)))


def _without_print(text: str) -> str:
    # Paper is always light: what prints may name its own black and white.
    return re.sub(r"@media print \{.*?\n\}", "", text, flags=re.S)


def test_every_light_token_has_a_dark_value_and_no_more():
    light = _tokens(BASE.read_text()) - NOT_COLOURS
    dark = _tokens(DARK.read_text())
    assert light - dark == set(), "tokens with no dark value"
    assert dark - light == set(), "dark tokens base.css does not have"


def test_stylesheets_use_tokens_not_colours():
    found = {}
    for css in sorted(SRC.glob("**/static/**/*.css")):
        text = _without_print(css.read_text())
        if css in (BASE, DARK):
            text = text.replace(_root(text), "")
        hits = COLOUR.findall(text)
        if hits:
            found[css.relative_to(SRC).as_posix()] = hits
    assert found == {}


def test_templates_and_scripts_do_not_paint_with_fixed_colours():
    found = []
    for path in sorted([*SRC.glob("**/templates/**/*.html"), *SRC.glob("**/static/**/*.js")]):
        text = path.read_text()
        for match in re.finditer(r"""(fill|stroke)["']?\s*[:=]\s*["']#""", text):
            line = text[: match.start()].count("\n") + 1
            found.append(f"{path.relative_to(SRC).as_posix()}:{line}")
    # A QR code stays black on white in the dark too: that is what cameras read.
    assert found == ["accounts/templates/accounts/second_factor_setup.html:10"] * 2
