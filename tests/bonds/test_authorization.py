"""Every bond-scoped URL, walked as anonymous, stranger and member.

The list is read from the URL resolver, so a new bond-scoped view cannot escape it.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from heartwork.bonds.models import Bond
from heartwork.prompts.services import round_for_today


def url_kwarg_factories() -> dict:
    """How to make each object id a bond URL can take, gathered from every test package.

    An app whose URLs take an id besides ``bond_id`` adds ``tests/<app>/url_kwargs.py``
    with ``URL_KWARGS = {"thing_id": lambda bond, person: <an id of that bond's thing>}``.
    """
    factories = {"round_id": lambda bond, person: round_for_today(bond=bond).pk}
    for module_path in sorted(Path(__file__).resolve().parents[1].glob("*/url_kwargs.py")):
        module = importlib.import_module(f"tests.{module_path.parent.name}.url_kwargs")
        factories.update(module.URL_KWARGS)
    return factories


FACTORIES = url_kwarg_factories()

# Actions on something the *other* member shared: even a member gets 404 on their own.
ONLY_FOR_THE_OTHER_MEMBER = {"checkins:acknowledge"}


def url_for(name: str, bond) -> str:
    """The URL for this bond, with ids of the bond's own objects where the URL takes them."""
    pattern = next(p for p in _patterns() if p[0] == name)[1]
    kwargs = {"bond_id": bond.pk}
    person = bond.memberships.first().person
    for key in pattern.regex.groupindex:
        if key != "bond_id":
            kwargs[key] = FACTORIES[key](bond, person)
    return reverse(name, kwargs=kwargs)


def _patterns():
    found = []

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "api":  # the JSON API has its own walk (tests/api/)
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and "bond_id" in entry.pattern.regex.groupindex:
                found.append(
                    (f"{namespace}:{entry.name}" if namespace else entry.name, entry.pattern)
                )

    walk(get_resolver().url_patterns)
    return found


def bond_scoped_url_names() -> list[str]:
    return sorted(name for name, _ in _patterns())


BOND_URLS = bond_scoped_url_names()


def test_the_walk_finds_the_bond_urls():
    assert {
        "bonds:detail",
        "bonds:invite_create",
        "bonds:leave",
        "bonds:pause",
        "prompts:answer",
        "prompts:deck",
    } <= set(BOND_URLS)


@pytest.mark.parametrize("name", BOND_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, shared_bond, name, method):
    response = getattr(client, method)(url_for(name, shared_bond))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", BOND_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_stranger_gets_404_and_nothing_changes(client, charlie, shared_bond, name, method):
    url = url_for(name, shared_bond)
    client.force_login(charlie)
    response = getattr(client, method)(
        url, {"text": "hello", "comfort": "1", "reaction": "thanks", "prompt_id": "emotional-1-001"}
    )
    assert response.status_code in (404, 405)
    assert "Alice" not in response.content.decode()
    shared_bond.refresh_from_db()
    assert shared_bond.status == "active" and shared_bond.memberships.count() == 2
    assert shared_bond.invites.count() == 0


@pytest.mark.parametrize("name", BOND_URLS)
def test_unknown_bond_id_is_404_for_a_member_too(client, alice, shared_bond, name):
    url = url_for(name, shared_bond).replace(
        str(shared_bond.pk), "00000000-0000-0000-0000-000000000000"
    )
    client.force_login(alice)
    response = client.post(url)
    assert response.status_code in (404, 405)


@pytest.mark.parametrize("name", BOND_URLS)
def test_member_can_use_each_url(client, alice, solo_bond, name):
    url = url_for(name, solo_bond)
    client.force_login(alice)
    response = client.get(url)
    if response.status_code == 405:  # an action: it takes a POST
        response = client.post(url)
    if name in ONLY_FOR_THE_OTHER_MEMBER:  # in a bond of one there is nobody to answer
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        assert Bond.objects.filter(pk=solo_bond.pk).exists() or name == "bonds:leave"
