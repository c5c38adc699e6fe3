"""``heartwork feelings``: one JSON object per line of standard input."""

import json
from io import StringIO

from django.core.management import call_command

from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.language import LABELS


def run(text: str) -> list[dict]:
    out = StringIO()
    call_command("feelings", stdin=StringIO(text), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_answer_per_line_in_order_with_wheel_words_labels_and_predictions():
    answers = run("my sister drove three hours to be at my graduation\n\nour dog died today\r\n")
    assert len(answers) == 3
    first = answers[0]
    assert set(first) == {"wheel", "labels", "predicted"}
    assert list(first["labels"]) == list(LABELS)
    assert 1 <= len(first["wheel"]) <= 5
    wheel = feelings_wheel()
    for entry in first["wheel"]:
        assert set(entry) == {"word", "core", "score"}
        assert wheel.get(entry["word"]).core == entry["core"]
    assert set(first["predicted"]) <= set(LABELS) and first["predicted"]
    assert answers[1]["wheel"] == []  # an empty line
    assert "grief" in answers[2]["predicted"] or "sadness" in answers[2]["predicted"]


def test_no_input_no_output_and_bad_bytes_do_not_stop_it():
    assert run("") == []

    stream = StringIO()
    stream.buffer = __import__("io").BytesIO(b"caf\xe9 was lovely\n")  # type: ignore[attr-defined]
    out = StringIO()
    call_command("feelings", stdin=stream, stdout=out)
    assert len(out.getvalue().splitlines()) == 1
