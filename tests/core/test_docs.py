"""The configuration docs list every environment variable the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = re.compile(
    r"""(?:env_\w+|environ\.get|getenv)\(\s*["']((?:HEARTWORK_|DATABASE_URL)\w*)["']"""
)


def variables_read_by_code() -> set[str]:
    found: set[str] = set()
    for path in [*list((ROOT / "src").rglob("*.py")), ROOT / "scripts" / "test.sh"]:
        text = path.read_text(encoding="utf-8")
        found.update(READERS.findall(text))
        found.update(re.findall(r"\$\{(HEARTWORK_\w+)", text))
    return found


def test_every_variable_is_documented():
    documented = set(
        re.findall(
            r"`((?:HEARTWORK_|DATABASE_URL)\w*)`", (ROOT / "docs" / "configuration.md").read_text()
        )
    )
    read = variables_read_by_code()
    assert len(read) >= 20
    assert read - documented == set()


def test_readme_quick_start_has_the_two_commands_and_ci_uses_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
