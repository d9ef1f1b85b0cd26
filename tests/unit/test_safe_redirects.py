import pytest

from app.core.urls import is_safe_next_path, safe_next_path


@pytest.mark.parametrize("target", [
    "//evil.com", "/\\evil.com", "https://evil.com", "/%09/evil.com", "javascript:alert(1)",
    "http:/evil.com", "\\\\evil.com", "/%2F/evil.com", "/%5Cevil.com", "", None, "evil.com",
])
def test_foreign_or_scripted_targets_are_refused(target):
    assert not is_safe_next_path(target)
    assert safe_next_path(target) == "/"


@pytest.mark.parametrize("target", ["/", "/products?q=oud&brand=amouage", "/p/rose-taifi", "/%D8%B9%D9%88%D8%AF"])
def test_local_paths_are_followed(target):
    assert safe_next_path(target) == target
