"""The apology coach: kind notes on what undoes an apology, never a gate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.language.apology import read_apology


@pytest.mark.parametrize(
    ("draft", "kind"),
    [
        ("I'm sorry if I hurt you on Saturday.", "conditional"),
        ("Sorry if you were upset by what I said.", "conditional"),
        ("I only missed one dinner, it wasn't that big a deal.", "minimising"),
        ("I was just a bit late, honestly.", "minimising"),
        ("I'm sorry I shouted, but I was exhausted after work.", "justifying"),
        ("I didn't mean to embarrass you at the party.", "justifying"),
        ("I'm sorry, but you made me so angry that night.", "blame"),
        ("If you hadn't gone through my phone this wouldn't have happened.", "blame"),
        ("I said sorry, can we just move on now?", "demanding"),
        ("You have to forgive me eventually.", "demanding"),
        ("I'm sorry you feel that way about it.", "their-feelings"),
    ],
)
def test_each_habit_is_noticed_with_an_exact_span(draft, kind):
    reading = read_apology(draft)
    notes = [n for n in reading.notes if n.kind == kind]
    assert notes, (draft, reading.notes)
    note = notes[0]
    assert 0 <= note.start < note.end <= len(draft)
    assert note.why and note.instead


def test_a_plain_apology_is_left_alone_and_its_strengths_named():
    draft = (
        "I read your messages without asking. That was wrong and it's on me. "
        "It hurt you and broke your trust. From now on I will ask before touching your phone."
    )
    reading = read_apology(draft)
    assert reading.quiet
    assert {"names-the-act", "owns-it", "names-the-cost", "offers-change"} <= set(reading.strengths)


def test_other_languages_get_silence_not_wrong_advice():
    assert read_apology("Lo siento mucho, fue mi culpa y no volverá a pasar.").quiet
    assert read_apology("").quiet


@given(st.text(max_size=600))
def test_any_text_is_read_without_error_and_notes_stay_in_bounds(text):
    reading = read_apology(text)
    assert len(reading.notes) <= 3
    for note in reading.notes:
        assert 0 <= note.start <= note.end <= len(text)
