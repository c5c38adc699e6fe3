"""The domain core never imports Django (or anything else from the web side)."""

import ast
from pathlib import Path

import heartwork.domain

DOMAIN_DIR = Path(heartwork.domain.__file__).parent
ALLOWED_FROM_HEARTWORK = "heartwork.domain"


def forbidden(module: str) -> bool:
    """Django, and anything of heartwork's outside the domain core (every practice app too)."""
    if module == "django" or module.startswith("django."):
        return True
    return module.startswith("heartwork") and not (
        module == ALLOWED_FROM_HEARTWORK or module.startswith(ALLOWED_FROM_HEARTWORK + ".")
    )


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_modules_import_nothing_from_the_web_side():
    offenders = {
        str(path.relative_to(DOMAIN_DIR)): sorted(m for m in imported_modules(path) if forbidden(m))
        for path in DOMAIN_DIR.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 4  # the walk really found the domain modules


def test_the_rule_catches_a_practice_app():
    assert forbidden("heartwork.prompts.models") and forbidden("django.db")
    assert not forbidden("heartwork.domain.language.thanks") and not forbidden("datetime")
