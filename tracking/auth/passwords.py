"""Password hashing (argon2id) and the minimum rules for a password.

argon2-cffi's defaults follow RFC 9106's second recommendation (64 MiB, 3 passes); a
stored hash carries its own parameters, so `needs_rehash` tells when a stored hash was
made with older settings and should be replaced at the next successful sign-in.
"""

from __future__ import annotations

import contextlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tracking.errors import ValidationError
from tracking.parsing import LONE_SURROGATES

MIN_LENGTH = 10
MAX_LENGTH = 200  # long enough for any passphrase; bounds the hashing work per attempt

_hasher = PasswordHasher()
# Checked when the account is unknown, so a refusal takes as long as a wrong password
# and the time of the answer does not tell which e-mails have accounts.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def validate_password(password: str, field: str = "password") -> str:
    """Refuse a password that breaks the minimum rules; return it unchanged otherwise."""
    if not password or not password.strip():
        raise ValidationError("error.password_required", field)
    if len(password) < MIN_LENGTH:
        raise ValidationError("error.password_too_short", field, min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationError("error.password_too_long", field, max=MAX_LENGTH)
    if LONE_SURROGATES.search(password):  # no character; cannot be hashed
        raise ValidationError("error.control_chars", field)
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of a password that follows the rules (validated here)."""
    return _hasher.hash(validate_password(password))


def rehash(password: str) -> str:
    """A fresh hash of a password that was just verified (rules may have changed since)."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True if `password` matches; False for a mismatch, a missing or a broken hash."""
    if not password or len(password) > MAX_LENGTH:
        return False
    password = password.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if not stored_hash:
        _burn(password)
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def _burn(password: str) -> None:
    """Spend the time of one verification, for an account that does not exist."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_DUMMY_HASH, password)
