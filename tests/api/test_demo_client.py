"""`heartwork api-demo` talks to a real server over HTTP, knowing only the OpenAPI document."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from heartwork.api.services import token_create
from heartwork.checkins.models import CheckIn
from heartwork.domain.api_tokens import Scope
from heartwork.prompts.models import PromptRound


@pytest.mark.django_db(transaction=True, databases=["default", "keyring"])
def test_api_demo_reads_the_prompt_and_checks_in(live_server, alice, bob, shared_bond, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(token_create(person=alice, name="demo", scope=Scope.WRITE).token)
    out = io.StringIO()
    call_command(
        "api_demo", url=live_server.url, token_file=token_file, feelings=["hopeful"], stdout=out
    )
    text = out.getvalue()
    round_ = PromptRound.objects.get(bond=shared_bond)
    assert "Signed in as Alice." in text and "Today's prompt with Alice & Bob:" in text
    assert "Checked in (hopeful, private)." in text
    assert CheckIn.objects.get(person=alice).feelings == ["hopeful"]
    assert round_.prompt_id


@pytest.mark.django_db(transaction=True, databases=["default", "keyring"])
def test_api_demo_says_what_the_api_refused(live_server, alice, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(token_create(person=alice, name="demo", scope=Scope.READ).token)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="403 forbidden"):
        call_command("api_demo", url=live_server.url, token_file=token_file, stdout=io.StringIO())
