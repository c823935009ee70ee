"""The bundled seeds load into the 8 gold articles, clean and complete."""

from __future__ import annotations

import shutil

import pytest

import statecraft as sc

FORBIDDEN = ["This articles is written by", "All rights reserved", "Disclaimer:", "Photo by", "https://",
             "More to Read", "View All", "Why USAGoldMines", "CryptoreNews covers"]

# Verbatim body sentences from every article, first, middle and last.
BODY = {
    "000_beaee6f3d0dcd7fc.txt#0": [
        "Global cryptocurrency exchange Binance is reportedly working with several governments on setting up "
        "strategic Bitcoin reserves and drafting digital asset policies.",
        "This move by Washington has encouraged other nations to consider similar steps in exploring Bitcoin as "
        "a potential part of their financial planning.",
        "Binance’s involvement at this stage puts the company in a stronger position to shape regulatory "
        "thinking and the future of crypto policy around the world.",
    ],
    "001_b18091f7a9c31f05.txt#0": [
        "Binance CEO Richard Teng revealed collaborations with countries planning crypto national reserves",
        "“Compared to many other jurisdictions, [the US] is way ahead on that front,” he stated.",
        "The move from traditional reserve assets like gold and foreign currencies to include digital assets "
        "would mark a historic shift in national treasury management.",
    ],
    "002_d5c9dca350fd871a.txt#0": [
        "Changpeng Zhao, co-founder and main owner of Binance, the largest cryptocurrency exchange by trading "
        "volume, said he is in talks with “about a dozen governments” about asset tokenization.",
        "Earlier on social networks, Zhao mentioned negotiations on tokenization with the governments of "
        "Pakistan, Malaysia and Kyrgyzstan.",
        "Zhao previously promised that in the next three to four years, Binance Cards will allow people to "
        "“spend fiat while automatically saving stablecoins or bitcoins in the background.”",
    ],
    "003_601acdb4b0ca16bc.txt#0": [
        "Binance co-founder and former CEO, Changpeng Zhao (CZ), has partnered with the authorities in the "
        "Central Asian republic of Kyrgyzstan to provide advice on crypto regulation and the development and "
        "adoption of blockchain technology.",
        "In December CZ met with the King of Bhutan.",
        "However, crypto mining tax receipts as of the end of last year suggest that crypto mining still "
        "remains a niche activity in the Kyrgyz Republic.",
    ],
    "003_601acdb4b0ca16bc.txt#1": [
        "On May 26, the Pakistan Observer, an English language daily newspaper, reported that Bilal bin Saqib "
        "has been appointed to serve as a special assistant on blockchain and crypto matters to Pakistani "
        "Prime Minister Shehbaz Sharif.",
        "In this role, Saqib assumes the status of a minister of state under Rule 4(6) of the Rules of "
        "Business, 1973, with the appointment effective immediately.",
        "The country runs an annual average surplus of 4,000 megawatts.",
    ],
    "003_601acdb4b0ca16bc.txt#2": [
        "The joint warning was issued by seven major bodies: the National Internet Finance Association of "
        "China, the China Banking Association, the Securities Association of China, the Asset Management "
        "Association of China, the China Futures Association, the China Association for Public Companies, "
        "and the Payment & Clearing Association of China.",
        "Despite this restrictive framework, disputes tied to legacy crypto dealings continue to surface.",
        "These developments point to a sector still wrestling with unresolved disputes and regulatory gaps, "
        "underscoring the need for clearer rules for both regulators and entrepreneurs.",
    ],
    "003_601acdb4b0ca16bc.txt#3": [
        "The Indian Supreme Court did not mince words recently as it criticized the Union government for its "
        "failure to establish clear cryptocurrency regulations in the country.",
        "That’s according to a report published by local media outlet, the Hindustan Times, on Friday.",
        "Notwithstanding these developments, concrete regulatory guidelines will not only protect against "
        "criminal activities but also foster a conducive environment for legitimate innovation and growth in "
        "the cryptocurrency space.",
    ],
    "004_f1bccc337d730001.txt#0": [
        "In a significant development for the blockchain industry, Binance founder Changpeng “CZ” Zhao has "
        "confirmed that the exchange is in talks with multiple governments regarding the tokenization of "
        "national assets.",
        "While specific nations involved in the talks have not been disclosed, the confirmation itself serves "
        "as a strong bullish signal for the RWA sector and the broader crypto ecosystem.",
    ],
}


def _doc_id(article: dict) -> str:
    return f"{article['file']}#{article['part']}"


@pytest.mark.parametrize("manifest", [None, False], ids=["with-manifest", "text-only"])
def test_seeds_match_gold_titles_and_dates(seeds_dir, gold, manifest):
    docs = sc.load_corpus(seeds_dir, manifest=manifest).documents
    assert list(docs["doc_id"]) == sorted(_doc_id(a) for a in gold)
    by_id = docs.set_index("doc_id")
    for article in gold:
        row = by_id.loc[_doc_id(article)]
        title = None if row["title"] is None or row["title"] is __import__("pandas").NA else row["title"]
        if row["title_source"] == "lead_sentence":  # the gold has no title; the lead sentence stands in
            assert article["title"] is None and row["text"].lstrip().startswith(title.rstrip("…")), _doc_id(article)
        else:
            assert title == article["title"], _doc_id(article)
        published = None if str(row["published_date"]) == "<NA>" else row["published_date"]
        assert published == article["published"], _doc_id(article)


def test_seed_003_articles_are_dated_from_their_own_date_lines(seeds_dir):
    docs = sc.load_corpus(seeds_dir, manifest=False).documents
    page = docs[docs["source_path"] == "003_601acdb4b0ca16bc.txt"]
    assert list(page["published_date"]) == ["2025-04-07", "2025-05-28", "2025-12-08", "2023-07-29"]
    assert set(page["published_source"]) == {"dateline"}


def test_seeds_are_clean(seeds_corpus):
    for doc_id, text in zip(seeds_corpus.documents["doc_id"], seeds_corpus.documents["text"], strict=True):
        for phrase in FORBIDDEN:
            assert phrase not in text, (doc_id, phrase)
        assert "Loading" not in text.split("\n"), doc_id
        assert "news" not in text.split("\n"), doc_id


@pytest.mark.parametrize("doc_id", sorted(BODY))
def test_seed_body_sentences_survive_cleaning(seeds_corpus, doc_id):
    text = seeds_corpus.documents.set_index("doc_id").loc[doc_id, "text"]
    for sentence in BODY[doc_id]:
        assert sentence in text


def test_glued_title_and_photo_credit_are_undone(seeds_corpus):
    docs = seeds_corpus.documents.set_index("doc_id")
    india = docs.loc["003_601acdb4b0ca16bc.txt#3", "text"]
    assert india.startswith("The Indian Supreme Court did not mince words")
    pakistan = docs.loc["003_601acdb4b0ca16bc.txt#1", "text"]
    assert "\nOn May 26, the Pakistan Observer" in pakistan
    assert "\nIn this role, Saqib" in pakistan  # "social entrepreneurIn this role" was split


def test_removed_audit_names_rules(seeds_corpus):
    removed = seeds_corpus.removed
    rules = set(removed["rule"])
    assert {"author_credit", "disclaimer", "site_self_description", "nav_word", "image_url_line",
            "photo_credit_inline", "dateline", "title_repeat"} <= rules
    assert (removed["text"].str.len() > 0).all()
    assert set(removed["doc_id"]) <= set(seeds_corpus.documents["doc_id"])


def test_seeds_account_adds_up(seeds_corpus):
    acc = seeds_corpus.account
    assert acc == {"inputs": 5, "sources": 5, "documents": 8, "quarantined": 0, "by_reason": {}, "columns": {}}


def test_doc_ids_do_not_depend_on_where_the_folder_is(seeds_dir, tmp_path):
    copy = tmp_path / "elsewhere" / "seeds"
    shutil.copytree(seeds_dir, copy)
    a = sc.load_corpus(seeds_dir).documents
    b = sc.load_corpus(copy).documents
    assert a.equals(b)
    assert not any(str(tmp_path) in str(p) for p in b["source_path"])
