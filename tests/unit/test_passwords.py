from app.accounts.models import User


def test_passwords_are_stored_as_argon2id_hashes():
    user = User()
    user.set_password("a long enough passphrase")
    assert user.password_hash.startswith("$argon2id$")
    assert "a long enough passphrase" not in user.password_hash
    assert user.check_password("a long enough passphrase")
    assert not user.check_password("a long enough passphrasE")


def test_a_broken_hash_never_signs_anyone_in():
    assert not User(password_hash="not-a-hash").check_password("anything")
