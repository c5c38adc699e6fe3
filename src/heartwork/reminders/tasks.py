"""Background tasks. Each takes an id and calls a service; nothing personal is in the queue."""

from django_tasks import task

from heartwork.reminders.push import reminder_push
from heartwork.reminders.services import reminder_send


@task()
def send_reminder(delivery_id: str) -> None:
    reminder_send(delivery_id=delivery_id)


@task()
def push_reminder(delivery_id: str) -> None:
    reminder_push(delivery_id=delivery_id)
