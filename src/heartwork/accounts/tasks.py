"""Account e-mails, sent by the background worker so a page answers in the same time
whether or not an address has an account. The queue holds ids only."""

from __future__ import annotations

from django_tasks import task

from heartwork.accounts import mail


@task()
def send_password_reset(person_id: str | None) -> None:
    mail.password_reset_send(person_id=person_id)


@task()
def send_signup_email(pending_id: str) -> None:
    mail.signup_email_send(pending_id=pending_id)


@task()
def send_second_factor_notice(person_id: str, change: str) -> None:
    mail.second_factor_notice_send(person_id=person_id, change=change)
