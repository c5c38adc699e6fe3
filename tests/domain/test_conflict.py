"""The conflict-language analyzer: what it flags, what it leaves alone, and its learned part."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from scripts.evaluate_conflict import evaluate, table

from heartwork.domain.language import KINDS, STRENGTHS, analyze_message
from heartwork.domain.language.conflict import cue_examples, cue_matches

ROOT = Path(__file__).resolve().parents[2]


def kinds(text):
    return set(analyze_message(text).kinds)


def strengths(text):
    return set(analyze_message(text).strengths)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You never listen to a word I say.", "criticism"),
        ("I'm not saying you're lazy, but the bins are still full.", "criticism"),
        ("oh great, you forgot the tickets again. brilliant", "contempt"),
        ("Must be nice to sleep till noon while the rest of us work.", "contempt"),
        ("You're pathetic.", "contempt"),
        ("It's not my fault the car broke down.", "defensiveness"),
        ("I can never do anything right in your eyes.", "defensiveness"),
        ("Whatever. I'm done talking about this.", "stonewalling"),
        ("Call me back. Now.", "demand"),
    ],
)
def test_each_kind(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "You always make me laugh when I'm down.",
        "I never want you to feel alone with this.",
        "I don't think you're lazy at all.",
        "My dad used to say \"you're useless\" to my mum and I swore I'd never do that.",
        "Could you move your car when you get a sec?",
        "Let's take a breather and pick this up after dinner.",
    ],
)
def test_hard_negatives(text):
    assert not kinds(text)


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("When you came home at midnight without texting, I was really scared.", "feeling"),
        ("I need to feel like we're a team with the money.", "need"),
        ("Would you be willing to put the phone away at dinner?", "request"),
        ("Thank you for picking Mum up, she said you were lovely.", "appreciation"),
        ("That's fair. I did snap at you and I shouldn't have.", "responsibility"),
        ("Can we pause? I'll call you at 8 when I've calmed down.", "break"),
    ],
)
def test_each_strength(text, strength):
    assert strength in strengths(text)


def test_spans_are_exact_and_ordered():
    text = "Thanks for nothing. You never help and you're so lazy."
    analysis = analyze_message(text)
    starts = [f.start for f in analysis.findings]
    assert starts == sorted(starts)
    for finding in analysis.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end].strip() == text[finding.start : finding.end]
        assert finding.explanation and finding.suggestion
    assert analysis.kinds == tuple(k for k in KINDS if k in analysis.kinds)
    assert analysis.strengths == tuple(s for s in STRENGTHS if s in analysis.strengths)


@pytest.mark.parametrize("text", ["", "   ", "\n", "😀", "?!", "x" * 20_000, "\x00\ud800"])
def test_never_raises(text):
    analyze_message(text)


def test_every_cue_matches_its_examples():
    missing = [(cue, ex) for cue, ex in cue_examples() if not cue_matches(cue, ex)]
    assert not missing


def test_the_figures(capsys):
    """Prints the per-kind table for dev and held-out (no threshold: see docs/conflict.md)."""
    with capsys.disabled():
        print()
        print(table("dev", evaluate("dev.jsonl")))
        print(table("held-out", evaluate("heldout.jsonl")))


# --- the learned model --------------------------------------------------------------------


def test_the_shipped_model_is_what_the_training_script_writes():
    from scripts.train_conflict_model import OUT, build, render

    assert OUT.read_text(encoding="utf-8") == render(build())


# --- the command --------------------------------------------------------------------------


def _analyze(stdin):
    out = StringIO()
    call_command("analyze", stdin=StringIO(stdin), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_command_answers_every_line_in_order():
    answers = _analyze("you never listen\n\nthank you for dinner\r\nwhatever. i'm done\n")
    assert len(answers) == 4
    assert [f["kind"] for f in answers[0]["findings"]] == ["criticism"]
    assert answers[1] == {"findings": [], "strengths": []}
    assert answers[2] == {"findings": [], "strengths": ["appreciation"]}
    assert "stonewalling" in {f["kind"] for f in answers[3]["findings"]}


def test_the_command_counts_characters_not_bytes():
    line = "Zoë 😀 — you never listen"
    (answer,) = _analyze(line + "\r\n")
    (finding,) = answer["findings"]
    assert line[finding["start"] : finding["end"]].startswith("you never")


def test_the_command_keeps_odd_line_breaks_inside_one_message():
    assert len(_analyze("you never listen\u2028really\x0bnever\n")) == 1


def test_the_command_with_nothing_to_read():
    assert _analyze("") == []


def test_the_command_reads_stdin_as_a_real_process():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": "src:."}
    result = subprocess.run(
        [sys.executable, "-m", "django", "analyze"],
        input=b"I'm so grateful for you\n\xff not utf-8\nyou're pathetic\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    answers = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(answers) == 3
    assert answers[0]["findings"] == []
    assert "contempt" in {f["kind"] for f in answers[2]["findings"]}
