"""Two people who have used every practice, with text chosen by the test.

``write_everything(alice, bob, say)`` fills every place a person can write in a shared
bond (and a bond of one), with ``say(what)`` as the text, so an export, an import or a
marker test can tell each piece apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.appreciation import services as appreciation
from heartwork.bonds import services as bonds
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import bond_day
from heartwork.checkins import services as checkins
from heartwork.conflict import services as conflict
from heartwork.domain.bonds import BondKind
from heartwork.domain.safety_check import SafetyResult
from heartwork.prompts import services as prompts
from heartwork.reminders.models import ReminderPreference
from heartwork.repair import services as repair
from heartwork.safety.services import safety_check_record
from heartwork.together import services as together


def write_everything(alice: Person, bob: Person, say: Callable[[str], str]) -> dict:
    bond = bonds.bond_create(person=alice, name=say("bond-name-a")[:80], kind=BondKind.PARTNER)
    membership = Membership(bond=bond, person=bob)
    membership.name = say("bond-name-b")[:80]
    membership.save()
    solo = bonds.bond_create(person=alice, name=say("solo-name")[:80], kind=BondKind.FRIEND)
    Bond.objects.filter(pk=bond.pk).update(created_at=timezone.now() - datetime.timedelta(days=9))

    round_ = prompts.round_for_today(bond=bond)
    for person in (alice, bob):
        prompts.answer_submit(person=person, bond=bond, round_=round_, text=say(f"answer-{person}"))
    for person in (alice, bob):
        prompts.reply_submit(
            person=person, bond=bond, round_=round_, reaction="hug", text=say(f"reply-{person}")
        )
    prompts.comfort_rate(person=alice, bond=bond, round_=round_, rating=4)
    solo_round = prompts.round_for_today(bond=solo)
    prompts.answer_submit(person=alice, bond=solo, round_=solo_round, text=say("solo-answer"))

    shared = checkins.checkin_record(
        person=alice,
        feelings=["lonely"],
        intensity=3,
        note=say("checkin-note-a"),
        feel="lonely",
        when=say("checkin-when-a")[:200],
        because=say("checkin-because-a")[:200],
        share_with=bond,
    )
    theirs = checkins.checkin_record(
        person=bob, feelings=["hopeful"], intensity=2, note=say("checkin-note-b"), share_with=bond
    )
    checkins.checkin_record(
        person=alice, feelings=["calm"], intensity=1, note=say("private-checkin-a")
    )
    checkins.checkin_record(
        person=bob, feelings=["calm"], intensity=1, note=say("private-checkin-b")
    )
    checkins.acknowledge(person=bob, checkin=shared, phrase="", reply=say("ack-b"))
    checkins.acknowledge(person=alice, checkin=theirs, phrase="", reply=say("ack-a"))

    note = appreciation.note_send(sender=alice, bond=bond, text=say("note-a"))
    appreciation.thank_you_send(person=bob, bond=bond, note=note, reaction="", text=say("thanks-b"))
    their_note = appreciation.note_send(sender=bob, bond=bond, text=say("note-b"))
    appreciation.thank_you_send(
        person=alice, bond=bond, note=their_note, reaction="hug", text=say("thanks-a")
    )
    appreciation.item_add(person=alice, bond=bond, text=say("list-a"))
    appreciation.item_add(person=bob, bond=bond, text=say("list-b"))

    time = together.time_log(
        person=alice,
        bond=bond,
        kind="walk",
        when=timezone.now() - datetime.timedelta(hours=2),
        minutes=45,
        title=say("title-a")[:80],
        reflection=say("reflection-a"),
        share_reflection=True,
    )
    together.reflection_save(
        person=bob, bond=bond, time=time, text=say("reflection-b"), shared=False
    )
    together.time_log(
        person=bob,
        bond=bond,
        kind="date",
        when=timezone.now() + datetime.timedelta(days=2),
        minutes=90,
        title=say("title-b")[:80],
    )
    day = bond_day(bond)
    for person in (alice, bob):
        together.ritual_submit(
            person=person,
            bond=bond,
            day=day,
            high=say(f"high-{person}")[:280],
            low=say(f"low-{person}")[:280],
            feeling="calm",
        )

    broken = repair.repair_open(person=alice, bond=bond, i_was_hurt=False)
    repair.repair_write(
        person=alice, repair=broken, accountability=say("accountability"), apology=say("apology")
    )
    promise = repair.commitment_add(
        person=alice, repair=broken, change=say("change")[:300], evidence=say("evidence")[:300]
    )
    repair.repair_send(person=alice, repair=broken)
    repair.repair_decide(person=bob, repair=broken, decision="accept", note=say("hurt-note"))
    for person in (alice, bob):
        repair.week_rate(
            person=person, repair=broken, ratings={str(promise.pk): 3}, note=say(f"rating-{person}")
        )

    sent = conflict.message_save(
        person=alice,
        bond=bond,
        message=None,
        text=say("message-a"),
        parts={
            "observation": say("observation")[:400],
            "feeling": "hurt",
            "need": say("need")[:400],
            "request": say("request")[:400],
        },
    )
    conflict.message_send(person=alice, message=sent)
    conflict.message_save(person=alice, bond=bond, message=None, text=say("draft-a"), parts={})
    conflict.message_save(person=bob, bond=bond, message=None, text=say("draft-b"), parts={})
    talk = conflict.talk_start(person=alice, bond=bond)
    for who, action in ((bob, "join"), (alice, "continue"), (bob, "continue"), (alice, "say")):
        conflict.talk_act(
            person=who, talk=talk, action=conflict.Action(action), text=say(f"said-{who}")[:2000]
        )
    conflict.note_save(person=alice, talk=talk, text=say("talk-note-a"))
    conflict.note_save(person=bob, talk=talk, text=say("talk-note-b"))
    # A second bond of the two, where a talk was put off with "not now" and a time.
    second = bonds.bond_create(person=alice, name=say("second-name")[:80], kind=BondKind.FRIEND)
    Membership.objects.create(bond=second, person=bob)
    later = conflict.talk_start(person=alice, bond=second)
    conflict.talk_act(
        person=bob, talk=later, action=conflict.Action("not-now"), text=say("not-now-b")[:280]
    )

    ReminderPreference.objects.create(
        person=alice, kind="checkin", enabled=True, local_time=datetime.time(8, 15)
    )
    # Last, so nothing above is held back by it: a private safety check of each.
    for person in (alice, bob):
        safety_check_record(
            person=person,
            bond=bond,
            result=SafetyResult(concerning=True, kinds=("threat",), held_back=False),
        )
    return {"bond": bond, "solo": solo, "second": second, "round": round_, "talk": talk}
