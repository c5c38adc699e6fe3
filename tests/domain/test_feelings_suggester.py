"""The feelings suggester: features, the shipped model, the label map and the situations."""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.language import LABELS, emotion_scores, predicted_labels, suggest_feelings
from heartwork.domain.language.emotions import (
    MODEL_DIR,
    emotion_model,
    featurize,
    label_map,
    parse_label_map,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import train_feelings  # noqa: E402


def test_features_mark_negated_words_and_read_typing_variants_alike():
    words, chars = featurize("I'm NOT happy!!! soooo tired")
    assert words["n:happy"] == 1 and words["w:happy"] == 1
    assert "n:tired" not in words  # the "!" ends the negation
    assert featurize("sooooo tired") == featurize("soooo tired")
    assert featurize("I’m done") == featurize("i'm done")
    assert chars[" ti"] == 1 and chars["red "] == 1


def test_scores_cover_the_28_labels_between_0_and_1():
    scores = emotion_scores("my sister drove three hours to be at my graduation")
    assert tuple(scores) == LABELS
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    assert predicted_labels(scores)  # always at least one
    assert set(predicted_labels(emotion_scores(""))) <= set(LABELS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my sister drove three hours to be at my graduation", {"touched", "grateful", "thankful"}),
        ("I snapped at my son for nothing and he cried", {"guilty", "remorseful", "regretful"}),
        ("our dog died this morning", {"grieving", "heartbroken", "sad"}),
        ("big presentation tomorrow and I can't sleep", {"nervous", "anxious", "worried"}),
        ("we got the keys to our first house!!", {"thrilled", "excited", "delighted", "joyful"}),
    ],
)
def test_the_right_feeling_is_among_the_first_suggestions(text, expected):
    words = [s.word for s in suggest_feelings(text, k=5)]
    assert expected & set(words), words


def test_suggestions_are_wheel_words_with_their_core_strongest_first():
    wheel = feelings_wheel()
    suggestions = suggest_feelings("I was so angry when he lied to me again", k=4)
    assert 1 <= len(suggestions) <= 4
    for s in suggestions:
        assert wheel.get(s.word) is not None and wheel.get(s.word).core == s.core
        assert 0 < s.score <= 1
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert suggestions[0].because  # the strongest one says why


def test_a_feeling_word_the_person_wrote_comes_first_unless_negated():
    assert suggest_feelings("honestly I felt so left out at the party")[0].word == "left out"
    assert "because" and "named" in suggest_feelings("i feel lonely")[0].because
    assert "sad" not in [s.word for s in suggest_feelings("I'm not sad, just tired", k=3)][:1]
    # A wheel word in everyday use is not a feeling: "close" here is a distance.
    assert "close" not in [s.word for s in suggest_feelings("the shop is close to home")][:1]


def test_the_second_output_scores_wheel_words_and_reaches_words_no_label_does():
    model = emotion_model()
    assert model.wheel is not None, "the model ships without its wheel output"
    wheel = feelings_wheel()
    assert all(wheel.get(w) is not None for w in model.wheel.words)
    scores = model.wheel_scores("third night shift in a row, I can barely keep my eyes open")
    assert set(scores) == set(model.wheel.words)
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    weary = {"tired", "drained", "burnt out", "weary"}
    words = [
        s.word for s in suggest_feelings("up with the baby all night again, running on empty", k=3)
    ]
    assert weary & set(words), words
    alone = {"lonely", "isolated", "ignored", "left out"}
    words = [s.word for s in suggest_feelings("nobody at the new job talks to me", k=3)]
    assert alone & set(words), words


def test_nothing_to_suggest_for_nothing():
    assert suggest_feelings("") == []
    assert suggest_feelings("   \n") == []
    assert suggest_feelings("anything", k=0) == []


def test_odd_input_never_fails():
    for text in ["🙂" * 500, "a" * 10_000, "\x00\ud800?", "[NAME] [RELIGION]", "!!!", "1234"]:
        scores = emotion_scores(text)
        assert len(scores) == 28
        suggest_feelings(text)


# --- The label map ----------------------------------------------------------------------


def test_every_label_but_neutral_lands_on_the_wheel_and_every_core_is_reached():
    mapping = label_map()
    assert set(mapping) == set(LABELS) - {"neutral"}
    wheel = feelings_wheel()
    reached = {wheel.get(w).core for m in mapping.values() for w, _ in m.words}
    assert reached == set(wheel.cores)
    assert all(m.because.startswith("you ") for m in mapping.values())


def test_the_label_map_refuses_words_off_the_wheel_and_missing_labels():
    wheel = feelings_wheel()
    good = json.loads(
        resources.files("heartwork.domain.content").joinpath("emotions_on_wheel.json").read_text()
    )
    bad = json.loads(json.dumps(good))
    bad["labels"]["joy"]["words"] = [["ecstatic", 0.5]]
    with pytest.raises(ValueError, match="not on the wheel"):
        parse_label_map(bad, wheel)
    del good["labels"]["joy"]
    with pytest.raises(ValueError, match="leaves out"):
        parse_label_map(good, wheel)


# --- The shipped model ------------------------------------------------------------------


def model_folder():
    return resources.files("heartwork.domain.content").joinpath(MODEL_DIR)


def test_the_shipped_model_is_the_one_its_metadata_describes_and_small():
    meta = json.loads(model_folder().joinpath("model.json").read_text())
    total = 0
    for name, digest in meta["files_sha256"].items():
        data = model_folder().joinpath(name).read_bytes()
        total += len(data)
        assert hashlib.sha256(data).hexdigest() == digest, name
    assert total <= 30 * 1024 * 1024
    assert meta["labels"] == list(LABELS)
    assert len(emotion_model().index) == meta["features"]


def test_the_shipped_model_was_built_from_the_data_and_script_in_the_repo():
    """Retrain with scripts/train_feelings.py when this fails (it prints the command)."""
    if not (train_feelings.GOEMOTIONS / "train.tsv").exists():
        pytest.skip("GoEmotions is not beside the repository (../shared/data/goemotions)")
    meta = json.loads(model_folder().joinpath("model.json").read_text())
    assert meta["inputs_sha256"] == train_feelings.inputs_digest(train_feelings.GOEMOTIONS), (
        "the model is older than its inputs: run .venv/bin/python scripts/train_feelings.py"
    )


# --- The project's own situations -------------------------------------------------------


def test_situations_use_real_labels_and_wheel_words_and_cover_them_all():
    wheel = feelings_wheel()
    rows = train_feelings.read_situations()
    assert len(rows) >= 400
    texts = Counter(text.lower() for text, _, _ in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    for text, labels, words in rows:
        assert labels <= set(LABELS), text
        assert all(wheel.get(w) for w in words), text
    labels_seen = Counter(label for _, labels, _ in rows for label in labels)
    assert set(labels_seen) == set(LABELS)
    cores_seen = {wheel.get(w).core for _, _, words in rows for w in words}
    assert cores_seen == set(wheel.cores)


def test_the_held_out_split_is_fixed_and_about_a_fifth():
    rows = train_feelings.read_situations()
    held = [t for t, _, _ in rows if train_feelings.is_held_out(t)]
    assert 0.12 < len(held) / len(rows) < 0.28
    assert train_feelings.is_held_out(held[0])  # the same text always falls the same way
