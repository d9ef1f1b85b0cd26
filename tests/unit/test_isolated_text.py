"""User text on pages: isolated in <bdi>, escaped, without bidirectional controls."""
from markupsafe import Markup

from app.core.text import isolated, without_bidi_controls


def test_a_name_is_isolated_escaped_and_loses_its_controls():
    assert str(isolated("Oud \u202ed832cd EN")) == "<bdi>Oud d832cd EN</bdi>"
    assert str(isolated("<b>Rose & Oud</b>")) == "<bdi>&lt;b&gt;Rose &amp; Oud&lt;/b&gt;</bdi>"
    assert str(isolated(Markup("Rose &amp; Oud"))) == "<bdi>Rose &amp; Oud</bdi>"  # markup is not escaped twice
    assert isolated(None) == isolated("") == Markup("")


def test_every_embedding_override_and_isolate_goes_and_nothing_else():
    controls = "".join(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
    assert without_bidi_controls(f"a{controls}b\u200fc\u200ed") == "ab\u200fc\u200ed"  # the marks RLM/LRM stay
