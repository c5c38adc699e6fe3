import pytest

from heartwork.env import ConfigurationError, env_bool, env_int, env_list, env_str


def test_bool_reads_common_spellings_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("HEARTWORK_X", "yes")
    assert env_bool("HEARTWORK_X", False) is True
    monkeypatch.setenv("HEARTWORK_X", "maybe")
    with pytest.raises(ConfigurationError, match="HEARTWORK_X"):
        env_bool("HEARTWORK_X", False)


def test_int_checks_minimum(monkeypatch):
    monkeypatch.setenv("HEARTWORK_N", "0")
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("HEARTWORK_N", 5, minimum=1)
    monkeypatch.setenv("HEARTWORK_N", "abc")
    with pytest.raises(ConfigurationError, match="whole number"):
        env_int("HEARTWORK_N", 5)


def test_secret_from_file(monkeypatch, tmp_path):
    secret = tmp_path / "s"
    secret.write_text("from-a-file\n")
    monkeypatch.delenv("HEARTWORK_S", raising=False)
    monkeypatch.setenv("HEARTWORK_S_FILE", str(secret))
    assert env_str("HEARTWORK_S", "default") == "from-a-file"
    monkeypatch.setenv("HEARTWORK_S_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigurationError, match="HEARTWORK_S_FILE"):
        env_str("HEARTWORK_S", "default")


def test_list(monkeypatch):
    monkeypatch.setenv("HEARTWORK_L", " a, b ,,c")
    assert env_list("HEARTWORK_L", []) == ["a", "b", "c"]
