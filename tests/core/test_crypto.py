import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.core import crypto

KEY = crypto.new_data_key()


@settings(max_examples=200)
@given(st.text(max_size=2000))
def test_round_trip_for_any_text(text):
    assert (
        crypto.open_sealed(
            KEY, crypto.seal(KEY, text, "m.f", "row", "person"), "m.f", "row", "person"
        )
        == text
    )


def test_large_and_empty_values():
    for text in ("", "x" * 1_000_000):
        assert crypto.open_sealed(KEY, crypto.seal(KEY, text, "c"), "c") == text


def test_nonces_never_repeat_and_ciphertext_reveals_nothing():
    sealed = {crypto.seal(KEY, "same words", "c") for _ in range(2000)}
    assert len(sealed) == 2000
    assert all("same words" not in s for s in sealed)


def flip_last_byte(token: str) -> str:
    # Flip a bit of the decoded bytes, not a base64 character: a character next to the
    # padding can differ only in bits the decoder ignores, which would tamper with nothing.
    raw = bytearray(base64.urlsafe_b64decode(token[3:]))
    raw[-1] ^= 0x01
    return "v1:" + base64.urlsafe_b64encode(bytes(raw)).decode("ascii")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: flip_last_byte(token),
        lambda token: "v2:" + token[3:],
        lambda token: "v1:",
        lambda token: "v1:!!!not-base64!!!",
    ],
)
def test_tampering_fails_closed(tamper):
    token = crypto.seal(KEY, "private", "c")
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed(KEY, tamper(token), "c")


def test_moved_to_another_row_field_or_key_fails():
    token = crypto.seal(KEY, "private", "prompts.Answer.text", "row-1", "alice")
    for context in (
        ("prompts.Answer.text", "row-2", "alice"),
        ("prompts.Reply.text", "row-1", "alice"),
        ("prompts.Answer.text", "row-1", "bob"),
    ):
        with pytest.raises(crypto.DecryptionError):
            crypto.open_sealed(KEY, token, *context)
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed(crypto.new_data_key(), token, "prompts.Answer.text", "row-1", "alice")


def test_wrapped_keys_open_only_with_the_right_kek_and_owner(tmp_path):
    kek = crypto.create_kek_file(tmp_path / "k")
    assert oct((tmp_path / "k").stat().st_mode & 0o777) == "0o600"
    assert crypto.load_kek(tmp_path / "k") == kek  # stable across restarts
    with pytest.raises(FileExistsError):
        crypto.create_kek_file(tmp_path / "k")  # never overwritten
    with pytest.raises(crypto.KeyFileMissing):
        crypto.load_kek(tmp_path / "missing")
    wrapped = crypto.wrap_key(KEY, kek, owner="alice")
    assert crypto.unwrap_key(wrapped, kek, owner="alice") == KEY
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_key(wrapped, kek, owner="bob")
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_key(wrapped, crypto.new_data_key(), owner="alice")
