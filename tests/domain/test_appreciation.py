"""The appreciation coach, the daily nudge and the weekly counts, without a database."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.domain.appreciation import (
    SOLO_SUGGESTIONS,
    SUGGESTIONS,
    NudgeCandidate,
    Week,
    chart_layout,
    pick_nudge,
    weekly_counts,
)
from heartwork.domain.charts import week_start
from heartwork.domain.language.thanks import (
    EXAMPLES,
    HINTS,
    MAX_FINDINGS,
    NOTE_MAX,
    Coaching,
    coach_appreciation,
)

VAGUE = [
    "Thanks for everything",
    "thank you for everything!!",
    "You're great",
    "you’re the best",
    "You are amazing",
    "Love you",
    "love u x",
    "I appreciate you",
    "Thanks for all you do every day",
    "Thanks for being you",
    "Best husband ever",
    "Great job",
    "Thanks!",
    "ty",
    "🙏",
    "❤️❤️❤️",
]

SPECIFIC = [
    "Thank you for cooking dinner last night when I was exhausted. It meant I could rest.",
    "You stayed up to fix my bike, that was generous.",
    "I love how patient you were with my mum on Sunday.",
    "Thank you for listening to me this morning.",
    "You're amazing: you stayed up till 2am fixing my laptop before my interview.",
    "You always make me laugh when I'm grumpy after work.",
    "You remembered my exam on Friday and left a note in my bag. So thoughtful.",
    "Your calm when the car broke down on the motorway made me feel safe.",
    "You took the kids to the park on Saturday so I could sleep. That was kind of you.",
    "The way you handled the argument with the landlord yesterday was brave.",
    "Thanks for picking me up from the station at 11pm in the rain.",
]

ONLY_ME = [
    "It helped me a lot, thanks.",
    "That really helped, I needed that.",
    "Thanks, it made my life so much easier.",
    "Thanks for the help today, it made things easier for me.",
]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_praise_gets_a_hint(text):
    coaching = coach_appreciation(text)
    assert not coaching.is_specific
    assert coaching.findings, text
    assert coaching.examples, "a hint comes with examples to borrow from"


@pytest.mark.parametrize(
    "text",
    ["Thanks for everything", "You're great", "love you", "I appreciate you", "Best mum ever"],
)
def test_generic_phrases_are_named_as_generic(text):
    assert "generic" in coach_appreciation(text).codes


@pytest.mark.parametrize("text", ["Thanks!", "ty", "Cheers mate", "🙏"])
def test_very_short_notes_are_noticed(text):
    assert "short" in coach_appreciation(text).codes


@pytest.mark.parametrize("text", SPECIFIC)
def test_specific_thanks_passes_without_findings(text):
    coaching = coach_appreciation(text)
    assert coaching.is_specific, text
    assert coaching.findings == ()
    assert coaching.strengths, "what is already good is said out loud"
    assert coaching.examples == ()


@pytest.mark.parametrize("text", ONLY_ME)
def test_thanks_only_about_the_senders_benefit_is_nudged_toward_the_other(text):
    coaching = coach_appreciation(text)
    assert not coaching.is_specific
    assert "only-me" in coaching.codes
    assert coaching.examples == EXAMPLES["only-me"]


def test_self_benefit_is_fine_when_the_other_person_is_named_too():
    coaching = coach_appreciation(
        "You gave up your Saturday to help me move. It helped me so much."
    )
    assert coaching.is_specific and "only-me" not in coaching.codes


def test_generic_words_do_not_spoil_a_specific_note():
    coaching = coach_appreciation("Love you! You brought me soup yesterday when I was ill.")
    assert coaching.is_specific and coaching.findings == ()


def test_a_quality_without_a_moment_asks_for_detail():
    coaching = coach_appreciation("You're such a thoughtful and generous person, I really mean it.")
    assert not coaching.is_specific
    assert coaching.codes[0] == "detail"
    assert "You named a quality of theirs." in coaching.strengths


def test_what_is_already_there_is_recognised():
    coaching = coach_appreciation("You cooked on Tuesday and I felt looked after. You're so kind.")
    assert set(coaching.strengths) == {
        "You named something they did.",
        "You named a quality of theirs.",
        "You placed it in a moment.",
        "You said what difference it made.",
    }


def test_vague_doing_is_not_a_named_action():
    assert not coach_appreciation("Thanks for everything you did").is_specific
    assert not coach_appreciation("Thank you for all you do").is_specific


def test_empty_text_is_empty_not_a_problem():
    for text in ("", "   ", "\n\t"):
        coaching = coach_appreciation(text)
        assert coaching.is_empty and coaching.findings == () and not coaching.is_specific


def test_overlong_notes_are_flagged_even_when_specific():
    text = ("You stayed up late on Sunday to fix the heating. " * 30)[: NOTE_MAX + 20]
    coaching = coach_appreciation(text)
    assert coaching.is_specific
    assert coaching.codes == ("long",)


def test_hints_are_warm_and_never_demand():
    for hint in HINTS.values():
        assert hint and hint[0].isupper()
        for word in ("must", "wrong", "bad", "should", "fail"):
            assert f" {word} " not in f" {hint.lower()} "


@given(st.text(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_the_coach_never_raises_on_any_text(text):
    coaching = coach_appreciation(text)
    assert isinstance(coaching, Coaching)
    assert len(coaching.findings) <= MAX_FINDINGS
    assert all(f.code in HINTS for f in coaching.findings)
    if coaching.is_specific:
        assert not {"generic", "only-me", "short", "who", "detail"} & set(coaching.codes)
    if not text.strip():
        assert coaching.is_empty


@given(
    st.lists(st.sampled_from(SPECIFIC + VAGUE + ONLY_ME), min_size=1, max_size=4),
    st.sampled_from(["", " ", "\n", "🙂"]),
)
@settings(max_examples=100, deadline=None)
def test_the_coach_is_stable_for_mixed_drafts(parts, joiner):
    text = joiner.join(parts)
    assert coach_appreciation(text) == coach_appreciation(text)  # pure: same input, same answer


# Anything but letters: emoji, symbols, marks, digits, punctuation, odd spaces. (Enough
# words in another script make a note another language, which the next tests cover.)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("L",)), max_size=200))
@settings(max_examples=200, deadline=None)
def test_specific_note_stays_specific_with_unicode_around_it(noise):
    text = f"{noise} You stayed up to fix my bike on Sunday. {noise}"
    assert coach_appreciation(text).is_specific or len(text.strip()) > NOTE_MAX


@pytest.mark.parametrize(
    "note",
    [
        "Thank you, 王芳, for driving me to the hospital on Tuesday.",
        "Ольга, you stayed late on Friday to help me move the sofa, thank you.",
        "ªªʰʰ ٮ ᨀᨀᨀ You stayed up to fix my bike on Sunday. ªªʰʰ ٮ ᨀᨀᨀ",
    ],
)
def test_a_name_or_a_few_marks_in_another_script_leave_a_note_english(note):
    coaching = coach_appreciation(note)
    assert coaching.understood and coaching.is_specific


# --- The nudge ----------------------------------------------------------------------------

MONDAY = datetime.date(2026, 3, 2)


def test_no_nudge_once_the_person_has_given_thanks_today():
    candidates = [NudgeCandidate("b1", "Us", "Bob")]
    assert pick_nudge(candidates, today=MONDAY, gave_today=True) is None
    assert pick_nudge([], today=MONDAY, gave_today=False) is None


def test_the_nudge_names_only_the_other_person_and_never_counts():
    nudge = pick_nudge([NudgeCandidate("b1", "Us", "Bob")], today=MONDAY, gave_today=False)
    assert nudge.bond_id == "b1" and "Bob" in nudge.suggestion and not nudge.solo
    for template in SUGGESTIONS + SOLO_SUGGESTIONS:
        lowered = template.lower()
        assert not any(ch.isdigit() for ch in template)
        for word in (
            "streak",
            "missed",
            "haven't",
            "didn't",
            "in a row",
            "since you",
            "again",
            "forgot",
        ):
            assert word not in lowered


def test_bonds_with_someone_to_thank_come_first_and_the_choice_turns_with_the_days():
    candidates = [
        NudgeCandidate("solo", "Mum", None),
        NudgeCandidate("a", "A", "Ann"),
        NudgeCandidate("b", "B", "Ben"),
    ]
    chosen = {
        pick_nudge(candidates, today=MONDAY + datetime.timedelta(days=n), gave_today=False).bond_id
        for n in range(4)
    }
    assert chosen == {"a", "b"}


def test_a_solo_bond_is_nudged_toward_the_private_list():
    nudge = pick_nudge([NudgeCandidate("solo", "Mum", None)], today=MONDAY, gave_today=False)
    assert nudge.solo and "Mum" in nudge.suggestion and "list" in nudge.suggestion


# --- Weeks and the chart ------------------------------------------------------------------


def test_weeks_run_monday_to_sunday_and_end_this_week():
    today = datetime.date(2026, 3, 5)  # a Thursday
    weeks = weekly_counts(
        [today, today - datetime.timedelta(days=3), today - datetime.timedelta(days=4)],
        [today - datetime.timedelta(weeks=11), today - datetime.timedelta(weeks=13)],
        today=today,
    )
    assert len(weeks) == 12
    assert weeks[-1] == Week(MONDAY, given=2, received=0)
    assert weeks[-2].given == 1  # the Sunday before belongs to last week
    assert weeks[0].received == 1 and sum(w.received for w in weeks) == 1  # older ones fall outside
    assert all(w.start.weekday() == 0 for w in weeks)
    assert weeks[-1].end == datetime.date(2026, 3, 8)


def test_dates_in_the_future_are_not_counted():
    today = datetime.date(2026, 3, 5)
    weeks = weekly_counts([today + datetime.timedelta(days=1)], [], today=today)
    assert sum(w.given for w in weeks) == 0


def test_week_start_is_the_monday():
    assert week_start(datetime.date(2026, 3, 8)) == MONDAY
    assert week_start(MONDAY) == MONDAY


def test_chart_layout_scales_bars_and_marks_an_empty_chart():
    weeks = tuple(
        Week(MONDAY - datetime.timedelta(weeks=11 - n), given=n % 3, received=(n * 2) % 5)
        for n in range(12)
    )
    chart = chart_layout(weeks)
    assert len(chart.bars) == 24 and not chart.empty
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.value == 4 and tallest.y >= chart.plot_top
    assert all(b.y + b.height == pytest.approx(chart.baseline, abs=0.02) for b in chart.bars)
    assert all(chart.plot_left <= b.x and b.x + b.width <= chart.plot_right for b in chart.bars)
    assert [t.value for t in chart.ticks] == [0, 2, 4]
    assert chart.labels[-1].text == "2 Mar"
    empty = chart_layout(tuple(Week(w.start, 0, 0) for w in weeks))
    assert empty.empty and all(b.height == 0 for b in empty.bars)


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=20))
def test_chart_bars_never_leave_the_plot(counts):
    weeks = tuple(
        Week(MONDAY + datetime.timedelta(weeks=i), g, r) for i, (g, r) in enumerate(counts)
    )
    chart = chart_layout(weeks)
    top = chart.ticks[-1].value
    assert top >= max(max(g, r) for g, r in counts)
    for bar in chart.bars:
        assert chart.plot_top - 0.01 <= bar.y <= chart.baseline + 0.01
        assert bar.height >= 0


# --- A note in another language -------------------------------------------------------

NOT_ENGLISH = [
    "Gracias por venir a buscarme al aeropuerto a las tres de la mañana.",
    "Merci d'avoir gardé les enfants samedi, ça m'a sauvé la journée.",
    "Danke, dass du gestern so geduldig mit meiner Mutter warst.",
    "Obrigada por cozinhar o jantar quando eu cheguei cansada.",
    "Grazie per avermi ascoltato ieri sera, ne avevo bisogno.",
    "Dank je wel voor de soep toen ik ziek was.",
    "谢谢你昨天陪我去医院。",
    "شكرا لأنك بقيت معي طوال الليل",
    "תודה שהקשבת לי אתמול בערב",
    "Спасибо, что встретил меня с поезда.",
    "昨日は迎えに来てくれてありがとう。",
]


@pytest.mark.parametrize("note", NOT_ENGLISH)
def test_the_coach_says_nothing_about_a_note_it_cannot_read(note):
    coaching = coach_appreciation(note)
    assert coaching.findings == () and coaching.strengths == () and not coaching.understood


@pytest.mark.parametrize(
    "note",
    [
        "thanks",
        "ty for the soup",
        "Thank you for everything",
        "you fixed my bike before work, that was so thoughtful",
        "Thanks for listening last night when I was a mess.",
    ],
)
def test_an_english_note_is_still_coached(note):
    assert coach_appreciation(note).understood


def test_a_long_note_in_another_language_still_hears_it_is_too_long():
    coaching = coach_appreciation("Gracias por todo, de verdad. " * 60)
    assert coaching.codes == ("long",) and not coaching.understood
