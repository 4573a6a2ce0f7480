"""The axe check every browser test relies on finds what it should, also on a page it checked before."""

import pytest

pytestmark = pytest.mark.browser

CLEAN = """<!DOCTYPE html><html lang="de"><head><title>Gut</title></head>
<body><main><h1>Gut</h1><label for="q">Suche</label><input id="q"></main></body></html>"""


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_a_clean_page_passes_and_a_barrier_added_later_is_found(blank, assert_accessible):
    blank.set_content(CLEAN)
    assert_accessible(blank)
    # The same document again (axe is in it already): an image without a text, a field without a name.
    blank.evaluate("""() => {
        document.querySelector("main").insertAdjacentHTML("beforeend", '<img src="data:,"><input>');
    }""")
    with pytest.raises(AssertionError) as failed:
        assert_accessible(blank)
    assert "image-alt" in str(failed.value) and "label" in str(failed.value)


def test_a_rule_is_left_out_only_where_named(blank, assert_accessible):
    blank.set_content(CLEAN.replace("<h1>Gut</h1>", ""))  # no first-level heading
    with pytest.raises(AssertionError, match="page-has-heading-one"):
        assert_accessible(blank)
    assert_accessible(blank, third_party_exceptions=("page-has-heading-one",))
