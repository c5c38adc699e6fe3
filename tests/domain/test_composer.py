"""The composer's shapes: marked spans that keep the text exact, and four parts as one message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.composer import Parts, marked, rebuilt
from heartwork.domain.language.conflict import Finding


def _finding(start, end, kind="criticism"):
    return Finding(kind=kind, start=start, end=end, explanation="why", suggestion="instead")


@given(
    st.text(max_size=80),
    st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=6),
)
def test_marking_never_loses_or_reorders_a_character(text, spans):
    segments = marked(text, [_finding(a, b) for a, b in spans])
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments)


def test_each_finding_marks_its_exact_words():
    text = "You never call. I miss you."
    segments = marked(text, [_finding(4, 9)])
    assert [(s.text, s.number) for s in segments] == [
        ("You ", 0),
        ("never", 1),
        (" call. I miss you.", 0),
    ]


def test_overlapping_findings_keep_the_first():
    segments = marked("you always never", [_finding(4, 10), _finding(8, 16, "contempt")])
    assert [s.text for s in segments if s.finding] == ["always"]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (
            Parts(
                "When you came home at eleven and didn't text.",
                "worried",
                "to know you're safe",
                "text me if you'll be late",
            ),
            "When you came home at eleven and didn't text, I feel worried. "
            "I need to know you're safe. "
            "Would you text me if you'll be late?",
        ),
        (
            Parts(
                "The washing-up sat there all weekend",
                "I feel tired",
                "I need help at home",
                "Could we split the evenings?",
            ),
            "When the washing-up sat there all weekend, I feel tired. "
            "I need help at home. Could we split the evenings?",
        ),
        (
            Parts("", "lonely", "", "let's have dinner together on Friday"),
            "I feel lonely. Let's have dinner together on Friday.",
        ),
        (
            Parts("I saw the bill", "", "", "please ask me first"),
            "I saw the bill. Would you ask me first?",
        ),
        (Parts(), ""),
    ],
)
def test_four_parts_read_as_one_message(parts, message):
    assert rebuilt(parts) == message
