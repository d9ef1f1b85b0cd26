import pytest
from argon2 import PasswordHasher

from app.accounts.models import User


@pytest.mark.real_password_hashing
def test_passwords_are_stored_as_argon2id_hashes_at_the_recommended_cost():
    user = User()
    user.set_password("a long enough passphrase")
    assert user.password_hash.startswith("$argon2id$")
    assert not PasswordHasher().check_needs_rehash(user.password_hash)  # the library's recommended parameters
    assert "a long enough passphrase" not in user.password_hash
    assert user.check_password("a long enough passphrase")
    assert not user.check_password("a long enough passphrasE")


def test_a_broken_hash_never_signs_anyone_in():
    assert not User(password_hash="not-a-hash").check_password("anything")


def test_unknown_emails_are_checked_against_a_real_argon2_hash():
    """The decoy check must run a full argon2 verification (a mismatch, not a malformed hash that fails at
    once), or the time taken would tell which emails have accounts."""
    import pytest
    from argon2.exceptions import VerifyMismatchError

    from app.accounts.models import password_hasher
    from app.accounts.services import decoy_password_hash

    with pytest.raises(VerifyMismatchError):
        password_hasher.verify(decoy_password_hash(), "a guess at the password")
