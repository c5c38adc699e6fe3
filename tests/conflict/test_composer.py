"""The composer: a draft is its author's alone until sent; what was found is marked in
place; the four parts become one message; danger routes to help, not to rewrite advice.

Alice (Europe/London) and Bob (America/New_York) share a bond; Charlie is a stranger.
"""

from __future__ import annotations

import logging
import re

from django.urls import reverse

from heartwork.conflict.models import Message

ACCUSATION = "You never listen to me. You always make everything about you!"
DRAFT_CANARY = "draft-canary-b81"


def _page(client, person, url):
    client.force_login(person)
    response = client.get(url)
    return response.status_code, response.content.decode()


def _draft(client, person, bond, text=ACCUSATION, **parts):
    client.force_login(person)
    response = client.post(reverse("conflict:compose", args=[bond.pk]), {"text": text, **parts})
    return response, Message.objects.filter(author=person).order_by("-created_at").first()


def test_a_draft_is_read_in_place_with_what_it_found(client, alice, shared_bond):
    response, message = _draft(client, alice, shared_bond)
    assert response.status_code == 302 and message is not None
    status, page = _page(client, alice, response.url)
    assert status == 200
    assert re.search(r'<mark class="finding finding-criticism">[^<]*(never|always)', page)
    assert "Blame" in page


def test_live_reading_marks_spans_and_names_strengths(client, alice, shared_bond):
    client.force_login(alice)
    url = reverse("conflict:coach", args=[shared_bond.pk])
    harsh = client.post(url, {"text": ACCUSATION}).content.decode()
    assert "<mark" in harsh
    kind = client.post(
        url, {"text": "I felt lonely when dinner went cold. Could we eat together on Friday?"}
    ).content.decode()
    assert "<mark" not in kind and "You name a feeling" in kind


def test_the_four_parts_become_one_message_and_can_replace_the_draft(client, alice, shared_bond):
    _, message = _draft(client, alice, shared_bond)
    parts = {
        "observation": "you were on your phone during dinner on Sunday",
        "feeling": "lonely",
        "need": "to feel we have time that's just ours",
        "request": "could we keep phones in the hall while we eat",
    }
    client.force_login(alice)
    url = reverse("conflict:message", args=[shared_bond.pk, message.pk])
    client.post(url, {"text": ACCUSATION, **parts, "intent": "use-rebuilt"})
    message.refresh_from_db()
    assert message.text.startswith(
        "When you were on your phone during dinner on Sunday, I feel lonely."
    )
    assert message.text.endswith("Could we keep phones in the hall while we eat?")
    assert message.parts["feeling"] == "lonely"
    page = client.get(url).content.decode()
    assert "Before" in page and "After" in page


def test_preview_puts_the_parts_together(client, alice, shared_bond):
    client.force_login(alice)
    body = client.post(
        reverse("conflict:preview", args=[shared_bond.pk]),
        {
            "observation": "the bins were left out",
            "feeling": "frustrated",
            "need": "",
            "request": "",
        },
    ).content.decode()
    assert "When the bins were left out, I feel frustrated." in body


def test_a_draft_is_invisible_to_the_other_member_and_to_strangers(
    client, alice, bob, charlie, shared_bond
):
    _, message = _draft(client, alice, shared_bond, text=DRAFT_CANARY)
    url = reverse("conflict:message", args=[shared_bond.pk, message.pk])
    assert _page(client, bob, url)[0] == 404
    assert (
        DRAFT_CANARY not in _page(client, bob, reverse("conflict:home", args=[shared_bond.pk]))[1]
    )
    assert DRAFT_CANARY not in _page(client, bob, reverse("today:today"))[1]
    assert _page(client, charlie, url)[0] == 404
    client.force_login(bob)
    client.post(url, {"text": "taken over", "intent": "send"})
    client.post(reverse("conflict:remove", args=[shared_bond.pk, message.pk]))
    message.refresh_from_db()
    assert message.text == DRAFT_CANARY and not message.is_sent


def test_sending_shows_the_other_member_the_message_and_nothing_else(
    client, alice, bob, shared_bond
):
    _, message = _draft(client, alice, shared_bond, text=DRAFT_CANARY, need="private-need-canary")
    client.force_login(alice)
    url = reverse("conflict:message", args=[shared_bond.pk, message.pk])
    client.post(url, {"text": DRAFT_CANARY, "need": "private-need-canary", "intent": "send"})
    status, page = _page(client, bob, url)
    assert status == 200 and DRAFT_CANARY in page and "private-need-canary" not in page
    assert "sent you a message" in _page(client, bob, reverse("today:today"))[1]
    # A sent message can't be changed.
    client.force_login(alice)
    client.post(url, {"text": "rewritten", "intent": "save"})
    message.refresh_from_db()
    assert message.text == DRAFT_CANARY


def test_putting_a_message_away_is_for_your_own_list_only(client, alice, bob, shared_bond):
    _, message = _draft(client, alice, shared_bond, text=DRAFT_CANARY)
    client.force_login(alice)
    client.post(
        reverse("conflict:message", args=[shared_bond.pk, message.pk]),
        {"text": DRAFT_CANARY, "intent": "send"},
    )
    client.force_login(bob)
    client.post(reverse("conflict:remove", args=[shared_bond.pk, message.pk]))
    assert (
        "A message," not in _page(client, bob, reverse("conflict:home", args=[shared_bond.pk]))[1]
    )
    assert "Sent " in _page(client, alice, reverse("conflict:home", args=[shared_bond.pk]))[1]


def test_sending_empty_is_refused_with_a_clear_message(client, alice, shared_bond):
    _, message = _draft(client, alice, shared_bond, text="")
    client.force_login(alice)
    response = client.post(
        reverse("conflict:message", args=[shared_bond.pk, message.pk]),
        {"text": "", "intent": "send"},
        follow=True,
    )
    assert "Write your message first" in response.content.decode()
    message.refresh_from_db()
    assert not message.is_sent


def test_a_draft_that_sounds_like_danger_routes_to_help_not_advice(client, alice, shared_bond):
    danger = "you hit me last night and said you'd do worse if I told anyone"
    client.force_login(alice)
    reading = client.post(
        reverse("conflict:coach", args=[shared_bond.pk]), {"text": danger}
    ).content.decode()
    assert "See help that fits" in reading and "<mark" not in reading
    response, _ = _draft(client, alice, shared_bond, text=danger)
    assert response.url == reverse("safety:for_you")


def test_nothing_typed_is_logged(client, alice, shared_bond, caplog):
    with caplog.at_level(logging.DEBUG):
        _draft(client, alice, shared_bond, text=DRAFT_CANARY)
        client.post(reverse("conflict:coach", args=[shared_bond.pk]), {"text": DRAFT_CANARY})
    assert DRAFT_CANARY not in caplog.text


def test_the_composer_is_switched_off_by_a_concerning_safety_check(client, alice, bob, shared_bond):
    from heartwork.domain.safety_check import SafetyResult
    from heartwork.safety.services import safety_check_record

    safety_check_record(
        person=alice, bond=shared_bond, result=SafetyResult(True, ("threat",), False)
    )
    _, page = _page(client, alice, reverse("conflict:home", args=[shared_bond.pk]))
    assert "Not offered to you here right now" in page and 'id="id_text"' not in page
    _response, message = _draft(client, alice, shared_bond)
    assert message is None
    _, bobs = _page(client, bob, reverse("conflict:home", args=[shared_bond.pk]))
    assert 'id="id_text"' in bobs and "safety" not in bobs.lower()
