"""The safety screen: kinds, guards, negation, reported speech, odd input, the pattern
file's validation, the held-out figures and the ``heartwork screen`` command."""

import copy
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from scripts.evaluate_safety import load, score, table

from heartwork.domain import safety
from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.safety import KINDS, explain, parse_patterns, screen
from heartwork.domain.safety_model import parse_model

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "safety"
RAW = read_content_json("safety_patterns.json")

# The goal, set before the held-out set was first scored, is recall 0.85 and precision
# 0.75 on every kind. Coercive control reached 0.82 recall on 2026-12-02 (docs/safety.md
# says so); the test holds that floor so nothing slips back, and is raised as it improves.
MIN_RECALL = 0.80
MIN_PRECISION = 0.75


def test_the_vocabulary_is_fixed_and_ordered():
    assert KINDS == ("self_harm", "violence", "threat", "coercive_control")


def test_answers_come_in_vocabulary_order_without_repeats():
    text = (
        "he said he'd kill me if I left. he hit me last night. "
        "i'm not allowed to see my friends. some nights i want to die."
    )
    assert screen(text) == list(KINDS)
    assert screen(text) == screen(text)  # deterministic


@pytest.mark.parametrize(
    "text",
    [
        "I keep thinking everyone would be better off without me",
        "honestly i want to die",
        "been cutting again, sorry",
        "i wanna kms",
        "thinking about unaliving myself tbh",
        "cant go on like this",
        "I don't want to be here anymore.",
        "I've been saving my sleeping tablets in a drawer",
        "Sometimes I think about walking into the river and not coming out.",
        "My pension's sorted and my affairs are in order. I'm tired, love.",
    ],
)
def test_self_harm(text):
    assert "self_harm" in screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "He slapped me across the face in the car park",
        "she choked me till i nearly passed out",
        "things got a bit physical on Friday",
        "he gets handsy when he's angry",
        "My husband hitted me yesterday because dinner was late",
        "He kicked our dog so hard it yelped all night",
        "he pushed me down the stairs and said i fell",
        "He forced himself on me after the party",
    ],
)
def test_violence(text):
    assert "violence" in screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "He said he'll kill me if I ever leave",
        "she threatened to post my nudes if i don't come back",
        "My ex keeps texting that he knows where I live now",
        "hell take the kids n i'll never see them again if i go",
        "He said I'd better watch my back",
    ],
)
def test_threat(text):
    assert "threat" in screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "He won't let me see my sister",
        "I have to send him a photo every hour so he knows who I'm with",
        "she takes all my wages and gives me pocket money",
        "I'm not allowed my own bank card",
        "He installed an app on my phone that tracks where I go",
        "My wife decides what I eat and when I sleep",
    ],
)
def test_coercive_control(text):
    assert "coercive_control" in screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "if you leave i'll kill myself, he said. so i stayed",
        "she keeps saying she'll hurt herself if i go out with my mates",
    ],
)
def test_self_harm_used_to_control_is_threat_and_control(text):
    kinds = screen(text)
    assert {"threat", "coercive_control"} <= set(kinds)
    assert "self_harm" not in kinds


@pytest.mark.parametrize(
    "text",
    [
        "She absolutely killed it at karaoke",
        "I'm dying to see the new exhibition",
        "I could murder a pizza",
        "I'm scared of spiders, always have been",
        "He controls the budget spreadsheet at work",
        "My feet are killing me after that wedding",
        "My mum will kill me if I forget to ring her",
        "The spin class nearly finished me off",
        "got battered in sparring, great session",
        "we both share our locations, it was both our idea",
        "My sister threw a pillow at me during the film",
        "This deadline is going to be the death of me",
        "I'd kill for a cup of tea",
        "The doctor says I'm not allowed to drive for a month",
    ],
)
def test_hard_negatives_pass(text):
    assert screen(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "He has never hit me, not once.",
        "I'm not suicidal, just exhausted and fed up with work.",
        "She's never stopped me seeing my friends.",
        "He doesn't check my phone, control my money or tell me what to wear.",
        "Nobody's hurting me, I'm just hormonal.",
        "I'd never hurt myself, I just needed to say I'm low.",
    ],
)
def test_negation_cancels(text):
    assert screen(text) == []


def test_negation_stays_in_its_clause():
    assert screen("He never says sorry, he just hits me.") == ["violence"]
    assert screen("If I didn't have the cat I'd have killed myself already") == ["self_harm"]


@pytest.mark.parametrize(
    "text",
    [
        "Watched a documentary about domestic abuse, really hard going",
        "my friend's husband hits her and I don't know how to help",
        "In the book the husband locks her in the cellar",
        "My colleague told me her partner reads all her messages",
        "There was a piece on the news about a man who stalked his ex",
        "My best friend told me she's been self harming, how can I help her?",
    ],
)
def test_someone_elses_story_and_fiction_are_not_the_writers_danger(text):
    assert screen(text) == []


def test_quoted_threat_counts_as_a_threat():
    assert screen("'you're dead when you get home' was the text he sent") == ["threat"]
    assert screen("He said: \u201cI'll kill you if you go\u201d.") == ["threat"]


def test_resolved_past_situations_pass_unless_it_is_happening_again():
    assert screen("Years ago my ex hit me. I left and I've been safe for a decade.") == []
    assert "violence" in screen("Years ago my ex hit me. Last night he hit me again.")


def test_explain_names_the_rule():
    findings = explain("he slapped me")
    assert [f.kind for f in findings] == ["violence"]
    assert all(f.rule for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\x00\x00he hit me\x00",
        "😀😀😀 🔪 💀💀",
        "مرحبا، كيف حالك؟ אני בסדר",
        "\u202ehe hit me\u202c",
        "\ud800 lone surrogate",
        "|||| | ''' \"\"\" ((( )))",
        "a" * 10_000,
        "he said 'unclosed quote and he hit me",
        "ÅÉÎ ﬁ ﬂ ｈｅ ｈｉｔ ｍｅ",
        "i'll'll'll 'll ' '",
    ],
)
def test_odd_input_never_raises(text):
    kinds = screen(text)
    assert kinds == [k for k in KINDS if k in kinds]


def test_null_and_control_characters_do_not_hide_a_concern():
    assert screen("he\x00 hit\u200b me") == ["violence"]
    assert screen("ｈｅ ｈｉｔ ｍｅ") == ["violence"]  # full-width letters, NFKC


def test_a_huge_text_is_read_to_the_end():
    text = "We had a lovely walk and a coffee. " * 3000 + "He hit me again last night."
    assert len(text) > 100_000
    assert screen(text) == ["violence"]


def test_only_text_is_screened():
    with pytest.raises(TypeError):
        screen(None)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_an_ordered_subset_of_the_vocabulary(text):
    kinds = screen(text)
    assert kinds == [k for k in KINDS if k in kinds]
    assert screen(text) == kinds


# --- the pattern file ---------------------------------------------------------------


def test_every_kind_has_rules_and_every_rule_and_guard_says_why():
    kinds = {kind for rule in RAW["rules"] for kind in rule["kinds"]}
    assert kinds == set(KINDS)
    for entry in RAW["rules"] + RAW["guards"]:
        assert entry.get("note"), entry["id"]


def _broken(change):
    data = copy.deepcopy(RAW)
    change(data)
    with pytest.raises(ContentError) as error:
        parse_patterns(data)
    return str(error.value)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["rules"][0].update(kinds=["sadness"]), "not in"),
        (lambda d: d["rules"][0]["patterns"].append("(unclosed"), "without its ')'"),
        (lambda d: d["rules"][0]["patterns"].append("@no_such_list"), "@no_such_list"),
        (lambda d: d["rules"][0]["patterns"].append("Capital"), "lowercase"),
        (lambda d: d["rules"][1].update(id=d["rules"][0]["id"]), "already used"),
        (lambda d: d["rules"][0].update(pattern=["typo"]), "unknown keys"),
        (lambda d: d["guards"][0].update(scope="paragraph"), "scope"),
        (lambda d: d["rules"][0].update(patterns=[]), "non-empty"),
        (lambda d: d["negation"].update(window=0), "window"),
        (
            lambda d: (
                d["lexicons"].update(loop=["@loop"]) or d["rules"][0]["patterns"].append("@loop")
            ),
            "itself",
        ),
    ],
)
def test_a_malformed_entry_is_a_clear_error(change, says):
    message = _broken(change)
    assert "safety_patterns.json" in message and says in message


def test_the_patterns_are_loaded_once():
    assert safety.safety_patterns() is safety.safety_patterns()


# --- measured on sentences the patterns were not tuned on ----------------------------


def test_held_out_figures():
    rows = load(DATA / "heldout.jsonl")
    scores = score(rows, [screen(row["text"]) for row in rows])
    print("\n" + table("held-out", scores, len(rows)))
    for kind in KINDS:
        assert scores[kind].recall >= MIN_RECALL, kind
        assert scores[kind].precision >= MIN_PRECISION, kind


def test_the_split_is_stratified_and_disjoint():
    dev, heldout = load(DATA / "dev.jsonl"), load(DATA / "heldout.jsonl")
    assert len(dev) >= 400 + 150 and len(heldout) >= 200
    assert not {r["text"] for r in dev} & {r["text"] for r in heldout}
    for kind in KINDS:
        assert any(kind in r["kinds"] for r in dev) and any(kind in r["kinds"] for r in heldout)
    for row in dev + heldout:
        assert row["kinds"] == [k for k in KINDS if k in row["kinds"]]


# --- the command ------------------------------------------------------------------------


def test_the_command_answers_every_line_in_order(monkeypatch):
    monkeypatch.setattr(sys, "stdin", StringIO("he hit me\n\nlove you, see you at 6\r\n"))
    out = StringIO()
    call_command("screen", stdout=out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"kinds": ["violence"]},
        {"kinds": []},
        {"kinds": []},
    ]


def test_the_command_keeps_odd_line_breaks_inside_one_text():
    out = StringIO()
    call_command("screen", stdin=StringIO("i want to die\u2028really\x0bbadly\n"), stdout=out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [{"kinds": ["self_harm"]}]


def test_the_command_reads_stdin_as_a_real_process():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": "src:."}
    result = subprocess.run(
        [sys.executable, "-m", "django", "screen"],
        input=b"he said he'll kill me\n\xff\xfe not utf-8\n\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    assert [json.loads(line) for line in result.stdout.decode().splitlines()] == [
        {"kinds": ["threat"]},
        {"kinds": []},
        {"kinds": []},
    ]


# --- the learned model ------------------------------------------------------------------


def test_the_shipped_model_is_what_the_training_script_writes():
    # Retrains from dev.jsonl (plain Python, fixed seed): the file must match byte for byte.
    from scripts.train_safety_model import OUT, build, dump

    model, _ = build()
    assert OUT.read_text("utf-8") == dump(model), "retrain: scripts/train_safety_model.py"


def test_the_model_only_adds_what_no_pattern_or_guard_rules_out():
    findings = explain("i keep looking at the old quarry road and thinking nobody would know")
    assert all(f.rule for f in findings)
    # A guard (someone else's story) and a denial both veto the model.
    assert screen("My colleague told me her partner reads all her messages") == []
    assert screen("He doesn't check my phone, control my money or tell me what to wear.") == []


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d.update(kinds=["self_harm"]), "kinds"),
        (lambda d: d.update(threshold=[0.5, 0.5, 0.5, 1.5]), "between 0 and 1"),
        (lambda d: d["weights"].update(oops=[1.0]), "oops"),
    ],
)
def test_a_malformed_model_is_a_clear_error(change, says):
    data = copy.deepcopy(read_content_json("safety_model.json"))
    change(data)
    with pytest.raises(ContentError) as error:
        parse_model(data, KINDS)
    assert "safety_model.json" in str(error.value) and says in str(error.value)


def test_a_few_plain_words_are_left_to_the_patterns():
    """The learned model has too little to go on in a handful of words."""
    assert screen("That makes sense, because ") == []
    assert screen("he hit me") == ["violence"]
