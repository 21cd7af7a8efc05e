"""A history page has a ceiling: long texts and many versions cost a bounded page."""

import pytest
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from core.history import ChangeKind, revision
from core.models import ArchiveState
from news import revisions as revisions_module
from news.revisions import shown, word_diff
from tests.support.long_history import corrected, give_versions, long_text, reordered


def sides(diff):
    old = "".join(text for op, text in diff if op != 1)
    new = "".join(text for op, text in diff if op != -1)
    return old, new


@pytest.mark.parametrize("change", ["words", "paragraphs"])
def test_word_diff_of_long_texts_gives_back_both_texts(change):
    old = long_text()
    new = corrected(old, 300, seed=1) if change == "words" else reordered(old, seed=1)
    assert sides(word_diff(old, new)) == (old, new)


def test_word_diff_compares_changed_paragraphs_word_by_word():
    old = long_text()
    new = corrected(old, 50, seed=2)
    diff = word_diff(old, new, seconds=60)  # what the diff is, however busy the machine
    inserted = [text for op, text in diff if op == 1]
    # Each replaced word is its own small insertion, not a paragraph rewritten whole.
    assert len(inserted) >= 40
    assert max(len(text) for text in inserted) < 200


def test_long_unchanged_stretches_are_shown_by_their_ends():
    words = [f"word{n}" for n in range(400)]
    old = " ".join(words)
    new = " ".join(words[:200] + ["changed"] + words[201:])
    result = shown(word_diff(old, new))
    text = "".join(segment.text for segment in result.segments)
    assert "changed" in text and "word200" in text
    assert "word170" in text and "word230" in text  # the words next to the change
    assert "word10 " not in text and "word390" not in text  # far from it
    assert [segment.skipped for segment in result.segments if segment.skipped] == [170, 169]
    assert not result.cut


def test_a_short_text_is_shown_whole():
    old = "The council met in Minsk on Monday to discuss the border."
    new = old.replace("Minsk", "Astana")
    result = shown(word_diff(old, new))
    assert sides([(s.op, s.text) for s in result.segments]) == (old, new)


def test_history_of_many_long_versions_is_a_bounded_page(client, make_item, monkeypatch):
    item = give_versions(make_item(text=long_text()))  # 22 versions of a 199,000-character text
    # Time enough for every diff however busy the machine: what is tested is the size and
    # that the diffs are kept, not how fast they are (bench/history.py measures that).
    monkeypatch.setattr(revisions_module, "PAGE_DIFF_SECONDS", 60)
    url = item.get_history_url()
    response = client.get(url)
    assert response.status_code == 200
    # Twenty versions whole would be 4 MB of text; a few words changed in each are less.
    assert len(response.content) < 300_000
    assertContains(response, "unchanged words")
    assertContains(response, "Version 22")
    assertNotContains(response, "Version 23")

    computed = []
    monkeypatch.setattr(
        revisions_module, "word_diff", lambda *args: computed.append(args) or word_diff(*args)
    )
    ArchiveState.bump()  # as any save does: the page is built again, its diffs are kept
    again = client.get(url, {"x": "junk"})
    assert again.content == response.content
    assert computed == []


def test_a_page_out_of_time_links_each_diff_left_to_its_comparison(client, make_item, monkeypatch):
    item = give_versions(make_item(text=long_text()), versions=3)
    monkeypatch.setattr(revisions_module, "PAGE_DIFF_SECONDS", 0)
    response = client.get(item.get_history_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assertContains(response, "has not been compared here yet", count=2)
    assertContains(response, "?from=2&amp;to=3#comparison-title")
    assertNotContains(response, '<dd class="diff"')

    # The comparison has its own budget; once computed, the history page shows the diff.
    comparison = client.get(item.get_history_url(), {"from": 2, "to": 3})
    assertContains(comparison, '<dd class="diff"', count=1)
    later = client.get(item.get_history_url())
    assertContains(later, "has not been compared here yet", count=1)
    assertContains(later, '<dd class="diff"', count=1)


def test_a_long_change_is_cut_in_the_list_and_whole_in_the_comparison(client, make_item):
    item = make_item(text=long_text())
    new = reordered(item.text, seed=3)
    with revision(item, reason="Pasted over", kind=ChangeKind.MINOR):
        item.text = new
        item.save()
    response = client.get(item.get_history_url())
    assertContains(response, "This change goes on beyond what is shown here.")
    assertContains(response, "?from=1&amp;to=2#comparison-title")
    assert len(response.content) < 100_000
    comparison = client.get(item.get_history_url(), {"from": 1, "to": 2})
    section = comparison.content.decode().split('<ol class="revisions"')[0]
    assert "This change goes on" not in section
    assert escape(new.rsplit("\n\n", 1)[-1][-60:]) in section
