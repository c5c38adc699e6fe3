"""``heartwork api-demo``: the API's small, real client (heartwork.api.demo_client).

    heartwork api-demo --url http://127.0.0.1:8000 --token-file ~/.heartwork-token

It reads today's prompt in your first active bond and posts a check-in, using only the
server's OpenAPI document and your token (make one in Settings › Access tokens).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heartwork.api.demo_client import ApiProblem, run_demo


class Command(BaseCommand):
    help = "Read today's prompt and post a check-in through the JSON API, as a client would."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The server.")
        # A file, not an argument, so the token stays out of shell history and `ps`.
        parser.add_argument("--token-file", required=True, type=Path)
        parser.add_argument("--feeling", action="append", dest="feelings", default=None)
        parser.add_argument("--intensity", type=int, default=3, choices=range(1, 6))
        parser.add_argument("--share", action="store_true", help="Share it with the bond.")

    def handle(self, *args, **options) -> None:
        try:
            token = options["token_file"].expanduser().read_text().strip()
        except OSError as error:
            raise CommandError(f"Cannot read the token file: {error.strerror}") from None
        try:
            run_demo(
                options["url"],
                token,
                feelings=options["feelings"] or ["calm"],
                intensity=options["intensity"],
                share=options["share"],
                say=self.stdout.write,
            )
        except ApiProblem as problem:
            raise CommandError(str(problem)) from None
        except OSError as error:
            raise CommandError(f"Cannot reach {options['url']}: {error}") from None
