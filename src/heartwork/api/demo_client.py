"""A small, real client of heartwork's API, in the standard library only.

It knows nothing of heartwork but the address of its OpenAPI document and a token: it
reads the document, finds each operation by its ``operationId``, fills the path, and
calls it over HTTP. ``heartwork api-demo`` runs it; docs/api.md walks through it.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OPENAPI_PATH = "/api/v1/openapi.json"


class ApiProblem(Exception):
    """The API said no: its status, and its error body (code, message, fields)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status} {body.get('code', '')}: {body.get('message', '')}")
        self.status, self.body = status, body


@dataclass
class Client:
    base_url: str  # e.g. https://heartwork.example
    token: str
    operations: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (method, path)

    def _request(self, method: str, url: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method.upper())
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            try:
                problem = json.loads(error.read() or b"{}")
            except ValueError:
                problem = {}
            raise ApiProblem(error.code, problem) from None
        return json.loads(raw) if raw else None

    def load(self) -> Client:
        """Read the OpenAPI document: every operation, by its operationId."""
        document = self._request("get", urllib.parse.urljoin(self.base_url, OPENAPI_PATH))
        for path, methods in document["paths"].items():
            for method, spec in methods.items():
                self.operations[spec["operationId"]] = (method, path)
        return self

    def call(self, operation_id: str, body: Any = None, **params: Any) -> Any:
        method, template = self.operations[operation_id]
        path = re.sub(r"{(\w+)}", lambda m: urllib.parse.quote(str(params.pop(m[1]))), template)
        url = urllib.parse.urljoin(self.base_url, path)
        if params:
            url += "?" + urllib.parse.urlencode(params)
        return self._request(method, url, body)


def run_demo(
    base_url: str,
    token: str,
    *,
    feelings: list[str],
    intensity: int = 3,
    share: bool = False,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Read today's prompt in my first active bond, and post a check-in."""
    client = Client(base_url, token).load()
    me = client.call("accounts_me")
    say(f"Signed in as {me['display_name']}.")
    bonds = [b for b in client.call("bonds_bond_list")["items"] if b["status"] == "active"]
    prompt = None
    if bonds:
        bond = bonds[0]
        prompt = client.call("prompts_prompt_today", bond_id=bond["id"])
        say(f"Today's prompt with {bond['name']}: {prompt['prompt']['text']}")
    else:
        say("No active bond yet, so no prompt today.")
    checkin = client.call(
        "checkins_checkin_create",
        {
            "feelings": feelings,
            "intensity": intensity,
            "share_with": bonds[0]["id"] if share and bonds else None,
        },
    )
    where = "shared with the bond" if checkin["shared_with"] else "private"
    say(f"Checked in ({', '.join(checkin['feelings'])}, {where}).")
    if checkin.get("help"):
        say(f"If you need someone to talk to: {urllib.parse.urljoin(base_url, checkin['help'])}")
    return {"prompt": prompt, "checkin": checkin}
