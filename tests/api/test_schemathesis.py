"""Schemathesis against the API's own OpenAPI document, in process (WSGI), as a member
with a read-and-write token: zero 5xx, zero responses that break the schema, zero status
codes or content types the document does not promise.

Every operation gets a bounded number of generated examples (EXAMPLES), so the whole run
stays within a couple of minutes on a small machine. Path ids are mostly the member's
real ones, so the examples reach the rules behind each operation instead of a 404.

The second test walks the document's OpenAPI links (heartwork.api.links) with
schemathesis' state machine: start a bond, then open its prompt, answer, reply; check in,
then read and delete that check-in; and so on, SCENARIOS times, at most STEPS calls each.
"""

from __future__ import annotations

import collections

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from heartwork.api import auth
from heartwork.appreciation.services import note_send
from heartwork.checkins.services import checkin_record
from heartwork.core.ratelimit import Limit
from heartwork.prompts.services import round_for_today
from tests.api.conftest import token_for

EXAMPLES = 15  # per operation
SCENARIOS = 80  # state machine runs, each a fresh chain of linked calls
STEPS = 10  # calls in each at most
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
# Leaving ends the bond every other example needs; it is walked with generated ids.
KEEP_GENERATED_IDS = {"bonds_bond_leave"}


@pytest.fixture
def keep_the_test_connection():
    """The real WSGI handler closes the database connection after each request, which ends
    the test's transaction on PostgreSQL. Django's own test client switches that off; so
    does this, for the run."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db(transaction=False)
def test_the_api_keeps_its_own_schema(
    alice, bob, shared_bond, monkeypatch, capsys, keep_the_test_connection
):
    monkeypatch.setattr(auth, "RATE", Limit(scope="api-fuzz", count=100_000, seconds=60))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {token_for(alice)}"}
    round_ = round_for_today(bond=shared_bond)
    real = {
        "bond_id": str(shared_bond.pk),
        "round_id": str(round_.pk),
        "checkin_id": str(
            checkin_record(person=bob, feelings=["calm"], intensity=2, share_with=shared_bond).pk
        ),
        "token_id": None,  # generated ids only: revoking our own token would end the run
        "note_id": str(note_send(sender=bob, bond=shared_bond, text="Thank you.").pk),
    }
    examples: collections.Counter[str] = collections.Counter()
    statuses: collections.Counter[int] = collections.Counter()
    failures: dict[str, str] = {}

    def runner(operation, operation_id: str):
        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same examples on every run: CI never flickers
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            examples[operation_id] += 1
            if operation_id not in KEEP_GENERATED_IDS and case.path_parameters:
                for name in case.path_parameters:
                    if real.get(name) and examples[operation_id] % 4:  # one in four stays random
                        case.path_parameters[name] = real[name]
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            statuses[response.status_code] += 1

        return run

    for result in schema.get_all_operations():
        operation = result.ok()
        operation_id = operation.definition.raw["operationId"]
        run = runner(operation, operation_id)
        try:
            run()
        except Exception as error:  # one line per failing operation, then fail at the end
            failures[operation_id] = f"{type(error).__name__}: {str(error)[:2000]}"

    with capsys.disabled():
        print(
            f"\nschemathesis: {len(examples)} operations, {sum(examples.values())} examples, "
            f"{len(failures)} failing operations; statuses {sorted(statuses.items())}"
        )
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
    assert len(examples) >= 25


@pytest.mark.django_db(transaction=False)
def test_the_api_keeps_its_schema_along_its_links(
    alice, bob, shared_bond, monkeypatch, capsys, keep_the_test_connection
):
    monkeypatch.setattr(auth, "RATE", Limit(scope="api-fuzz", count=100_000, seconds=60))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    # Only the links the document declares: schemathesis' own guesses (from names that look
    # alike) would walk chains nobody promised, and would change with its version.
    schema.config.phases.stateful.inference.algorithms = []
    # Valid requests only, as in the test above (negative data is a different promise).
    schema.config.phases.stateful.generation.modes = [GenerationMode.POSITIVE]
    headers = {"Authorization": f"Bearer {token_for(alice)}"}
    reached: collections.Counter[str] = collections.Counter()
    statuses: collections.Counter[int] = collections.Counter()
    followed: collections.Counter[str] = collections.Counter()  # steps whose ids a link gave
    real = {  # what a chain may start from, besides what it makes itself
        "bond_id": str(shared_bond.pk),
        "round_id": str(round_for_today(bond=shared_bond).pk),
        "checkin_id": str(checkin_record(person=alice, feelings=["calm"], intensity=2).pk),
        "note_id": str(note_send(sender=bob, bond=shared_bond, text="Thank you.").pk),
    }

    class Walk(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self):
            """Each scenario starts from the same rows (a savepoint, rolled back after it),
            so a replayed scenario meets the same answers: Hypothesis insists on that."""
            self.savepoint = transaction.savepoint()
            self.steered: collections.Counter[str] = collections.Counter()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)
            super().teardown()

        def step(self, input):
            """As above: a chain that starts from a made-up id ends at its first 404, so
            three in four chains start from the member's real ones; links carry the rest.
            A check-in needs words from the wheel, and time together a date within a year,
            which generated data never is."""
            case = input.case
            operation_id = case.operation.definition.raw["operationId"]
            if input.transition is not None and input.is_applied:
                followed[input.transition.id] += 1
            self.steered[operation_id] += 1
            if self.steered[operation_id] % 4 == 0:  # one in four stays as generated
                return super().step(input)
            if input.transition is None:
                for name in case.path_parameters or {}:
                    if name in real:
                        case.path_parameters[name] = real[name]
            if isinstance(case.body, dict) and operation_id == "checkins_checkin_create":
                case.body["feelings"] = ["calm", "hopeful"][: 1 + self.steered[operation_id] % 2]
                if case.body.get("share_with"):
                    case.body["share_with"] = real["bond_id"]
            if isinstance(case.body, dict) and operation_id == "together_time_log":
                case.body["when"] = timezone.now().isoformat()
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            reached[case.operation.definition.raw["operationId"]] += 1
            statuses[response.status_code] += 1
            case.validate_response(
                response,
                checks=CHECKS,
                headers=headers,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    run_state_machine_as_test(
        Walk,
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            derandomize=True,  # the same chains on every run: CI never flickers
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )

    with capsys.disabled():
        print(
            f"\nschemathesis, stateful: {SCENARIOS} scenarios, {sum(reached.values())} calls, "
            f"{len(reached)} operations reached, {sum(followed.values())} steps along "
            f"{len(followed)} of the document's links; statuses {sorted(statuses.items())}"
        )
    # A failing check raises above; these keep the walk from quietly shrinking to nothing.
    assert not [code for code in statuses if code >= 500]
    assert len(reached) >= 20, sorted(reached)
    assert len(followed) >= 15, sorted(followed)
