"""Sealed text as a field: one descriptor, one way to derive the associated data.

Every ``*_sealed`` column in the project has its descriptor; values sealed the way the
project sealed them before (hand-typed context strings) still open; the same value is
bound to its field, row and author.
"""

from __future__ import annotations

import pytest
from django.apps import apps

from heartwork.accounts.keys import seal_for
from heartwork.core.crypto import DecryptionError
from heartwork.core.sealed import SealedJSON, SealedText
from heartwork.prompts import services as prompts
from heartwork.prompts.models import Answer


def sealed_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name.endswith("_sealed"):
                yield model, field.name


def test_every_sealed_column_has_its_descriptor():
    columns = list(sealed_columns())
    assert len(columns) >= 11
    for model, column in columns:
        name = column.removesuffix("_sealed")
        descriptor = model.__dict__.get(name)
        assert isinstance(descriptor, SealedText), f"{model.__name__}.{column} has no SealedText"
        assert descriptor.context == f"{model._meta.app_label}.{model.__name__}.{name}"


# The context strings the project used before the descriptor; they must keep opening.
EARLIER_CONTEXTS = {
    "prompts.Answer.text",
    "prompts.Reply.text",
    "checkins.CheckIn.payload",
    "checkins.Acknowledgement.reply",
    "appreciation.Note.text",
    "appreciation.ThankYou.text",
    "appreciation.ListItem.text",
    "together.QualityTime.title",
    "together.Reflection.text",
    "together.RitualEntry.payload",
    "bonds.Membership.name",
}


def test_the_contexts_already_stored_are_still_derived():
    derived = {
        f"{model._meta.app_label}.{model.__name__}.{column.removesuffix('_sealed')}"
        for model, column in sealed_columns()
    }
    # Later practices add their own; none of the earlier may change, or old rows won't open.
    assert derived >= EARLIER_CONTEXTS


def test_a_value_sealed_the_earlier_way_opens_through_the_field(alice, shared_bond):
    answer = prompts.answer_submit(
        person=alice,
        bond=shared_bond,
        round_=prompts.round_for_today(bond=shared_bond),
        text="new way",
    )
    Answer.objects.filter(pk=answer.pk).update(
        text_sealed=seal_for(alice.pk, "sealed the earlier way", "prompts.Answer.text", answer.pk)
    )
    assert Answer.objects.get(pk=answer.pk).text == "sealed the earlier way"


def test_a_ciphertext_moved_to_another_row_or_author_does_not_open(alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    mine = prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="mine")
    theirs = prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="theirs")
    Answer.objects.filter(pk=theirs.pk).update(text_sealed=mine.text_sealed)
    with pytest.raises(DecryptionError):
        _ = Answer.objects.get(pk=theirs.pk).text


def test_json_and_empty_values(alice, shared_bond):
    from heartwork.checkins.models import CheckIn

    checkin = CheckIn(person=alice, day="2026-01-01")
    checkin.payload = {"feelings": ["calm"], "note": "ok"}
    checkin.save()
    assert CheckIn.objects.get(pk=checkin.pk).payload["note"] == "ok"
    assert isinstance(CheckIn.__dict__["payload"], SealedJSON)
    answer = Answer(round=prompts.round_for_today(bond=shared_bond), person=alice)
    answer.text = ""
    assert answer.text_sealed == "" and answer.text == ""
