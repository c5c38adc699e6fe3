"""Recording a safety check, and forgetting it when the person leaves the bond."""

from __future__ import annotations

import logging

from django.db import transaction

from heartwork.domain.safety_check import SafetyResult
from heartwork.safety.models import SafetyCheck

log = logging.getLogger("heartwork.safety")


@transaction.atomic
def safety_check_record(*, person, bond, result: SafetyResult) -> SafetyCheck:
    check = SafetyCheck.objects.create(
        person=person, bond=bond, concerning=result.concerning, kinds=list(result.kinds)
    )
    # Ids only: whether it was concerning is not logged either.
    log.info("safety check recorded bond=%s", bond.pk)
    return check


def forget_person_in_bond(*, person, bond) -> None:
    SafetyCheck.objects.filter(person=person, bond=bond).delete()
