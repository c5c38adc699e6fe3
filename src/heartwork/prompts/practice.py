"""Conversation prompts, as the practice registry sees them (heartwork.core.practices)."""

from heartwork.core.practices import LiveSource, Practice, bond_card
from heartwork.prompts import exports
from heartwork.prompts.services import forget_person_in_bond
from heartwork.prompts.today import waiting

PRACTICE = Practice(
    label="prompts",
    name="Conversation prompts",
    urls="heartwork.prompts.urls",
    bond_page=bond_card("prompts/_bond.html", "talk"),
    forget=forget_person_in_bond,
    export=exports.export,
    story=exports.story,
    restore=exports.restore,
    waiting=waiting,
    live=(
        LiveSource("prompts.PromptRound"),
        LiveSource("prompts.Answer", bond="round__bond"),
        LiveSource("prompts.Reply", bond="round__bond"),
        # A request to change today's prompt, and its yes, no or withdrawal: the other's
        # open page shows it within seconds.
        LiveSource("prompts.PromptChange", bond="round__bond"),
    ),
    api="heartwork.prompts.api",
)
