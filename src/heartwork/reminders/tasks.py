"""Background tasks. Each takes an id and calls a service; nothing personal is in the queue."""

from django_tasks import task

from heartwork.reminders.services import reminder_send


@task()
def send_reminder(delivery_id: str) -> None:
    reminder_send(delivery_id=delivery_id)
