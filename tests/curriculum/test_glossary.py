"""Short forms are found in what trainees read; glossary terms are found where they are used."""

from peer2peer.curriculum.glossary import (
    explained_short_forms,
    is_explained,
    read_by_trainees,
    short_forms,
    terms_used,
    yaml_words,
)
from peer2peer.curriculum.schema import Glossary


def _glossary(*terms: str) -> Glossary:
    return Glossary(terms=[{"term": t, "meaning": f"About {t}.", "source": "S"} for t in terms])


def test_short_forms_are_words_with_two_capitals_in_a_row() -> None:
    text = "CHIME and ImROC, A&E, LGBTQ+ people, GPs.\nPeer2Peer, Scotland, I, a UK law."
    assert [(f.word, f.line) for f in short_forms(text)] == [
        ("CHIME", 1), ("ImROC", 1), ("A&E", 1), ("LGBTQ+", 1), ("GPs", 1), ("UK", 2),
    ]  # fmt: skip


def test_roman_numerals_code_addresses_and_placeholders_are_not_short_forms() -> None:
    text = (
        "Part II and part IV.\n"
        "```python\nIMPORT = 1\n```\n"
        "Use `NCCMH` or see <https://x.org/NHS> and [this](https://x.org/SRN).\n"
        "Write to TEAM@example.org or www.SQA.org.uk, {{ area.SRN }}.\n"
        "```{exercise} choice\nprompt: What is SCQF?\n```\n"
    )
    assert [(f.word, f.line) for f in short_forms(text)] == [("SCQF", 8)]


def test_the_glossary_explains_the_short_forms_in_its_terms_and_their_plurals() -> None:
    explained = explained_short_forms(_glossary("NHS 24", "GP", "LGBTQ+", "trauma"))
    assert explained == {"NHS", "GP", "LGBTQ"}
    assert is_explained("GPs", explained) and is_explained("LGBTQ+", explained)
    assert not is_explained("SQA", explained)


def test_only_the_title_and_content_note_of_the_front_matter_are_read() -> None:
    text = (
        "---\ntitle: The CHIME model\nsources:\n  - cite: NCCMH\ncontent_note: >-\n  SRN\n---\nUK\n"
    )
    said = read_by_trainees(text)
    assert [(f.word, f.line) for f in short_forms(said)] == [("CHIME", 2), ("SRN", 6), ("UK", 8)]


def test_yaml_words_keeps_values_not_comments_and_can_keep_one_key() -> None:
    text = "# NOTE\nterms:\n  - term: SRN\n    meaning: The HEE way.  # TODO\n    source: NES\n"
    assert [f.word for f in short_forms(yaml_words(text))] == ["SRN", "HEE", "NES"]
    assert [(f.word, f.line) for f in short_forms(yaml_words(text, ("meaning",)))] == [("HEE", 4)]


def test_terms_are_found_in_order_of_first_use_the_longest_winning() -> None:
    glossary = _glossary("NHS", "NHS 24", "peer support", "boundary", "UK")
    text = "Peer supports help. Call NHS 24. A boundary. the uk is not UK. Then NHS."
    assert [t.term for t in terms_used(text, glossary)] == [
        "peer support", "NHS 24", "boundary", "UK", "NHS",
    ]  # fmt: skip
    assert terms_used("peer-support-ish and see https://x.org/boundary", glossary) == []


def test_notes_to_authors_are_not_read_html_comments_and_an_exercises_yaml_comments() -> None:
    text = (
        "<!-- FIXME: say what\nTHIS is -->\n"
        "```{exercise} reflection\nid: x  # FIXME: a NOTE\nprompt: What is SRN?\n```\n"
        "```{local-example} here\n## Groups in the UK\n```\n"
    )
    assert [(f.word, f.line) for f in short_forms(text)] == [("SRN", 5), ("UK", 8)]
