"""A country's stance towards crypto, read from the topics of the sentences that name it.

``data/sentiment/stance_topics.csv`` says which topics signal *engaging* (strategic
reserve, tokenization, advisory, adoption) and which *restricting* (ban-enforcement).
Every sentence where a country appears (role ``subject``) and that mentions a stance
topic is an evidence sentence; it *leans* the way most of its stance-topic mentions point
(``mixed`` on a tie). Sentences, not mentions, are counted, so a sentence naming "real-world
asset (RWA) tokens" does not weigh twice. For each country

* ``score = (engaging - restricting) / evidence`` in [-1, 1], counting sentences
  (mixed sentences count in ``evidence`` only);
* ``stance`` is ``none`` without evidence, ``engaging`` when ``score >= STANCE_MARGIN``,
  ``restricting`` when ``score <= -STANCE_MARGIN``, else ``mixed``.

The reading is shallow on purpose (a negated "not legal tender" still counts as
adoption), so every stance comes with its evidence sentences
(:func:`stance_evidence`) for a reader to check.
"""

from __future__ import annotations

import functools

import pandas as pd

from statecraft import resources

DIRECTIONS: tuple[str, ...] = ("engaging", "restricting")
STANCE_MARGIN = 0.2
"""Smallest |score| that reads as a lean; closer to 0 is ``mixed``."""
_KEYS = ["doc_id", "sentence_id"]


@functools.cache
def stance_topics() -> dict[str, str]:
    """Return topic_id -> direction (engaging or restricting) from the data table.

    Raises:
        ValueError: If the table names a direction other than :data:`DIRECTIONS`.
    """
    table = {row["topic_id"]: row["stance"] for row in resources.read_csv("sentiment/stance_topics.csv")}
    bad = sorted(set(table.values()) - set(DIRECTIONS))
    if bad:
        raise ValueError(f"sentiment/stance_topics.csv: unknown stance {bad}; valid: {', '.join(DIRECTIONS)}")
    return table


def read_stance(engaging: int, restricting: int, mixed: int = 0) -> tuple[float | None, str]:
    """Turn counts of leaning sentences (or of mentions in one sentence) into a score and a label.

    Args:
        engaging: Engaging sentences (or mentions).
        restricting: Restricting sentences (or mentions).
        mixed: Sentences leaning neither way (they only dilute the score).

    Returns:
        (score rounded to 3 decimals, or None without evidence; stance label).
    """
    total = engaging + restricting + mixed
    if total == 0:
        return None, "none"
    score = round((engaging - restricting) / total, 3)
    if score >= STANCE_MARGIN:
        return score, "engaging"
    if score <= -STANCE_MARGIN:
        return score, "restricting"
    return score, "mixed"


def country_stance(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Read each country's stance from the leans of its evidence sentences.

    Args:
        mentions: The mentions frame (doc_id, sentence_id, entity_type, entity_id, role).
        sentences: From :func:`statecraft.comparison.country_sentences`.

    Returns:
        country, n_engaging, n_restricting, n_mixed (evidence sentences by lean),
        score, stance, n_evidence (sentences), n_articles, n_stories (holding
        evidence), topics (stance-topic mentions, most frequent first); one row per
        country of ``sentences``, sorted by country.
    """
    pairs = _evidence_mentions(mentions, sentences)
    leans = _leans(pairs)
    rows = []
    for country in sorted(set(sentences["country"])):
        found, lean = pairs[pairs["country"] == country], leans[leans["country"] == country]
        counts = lean["lean"].value_counts()
        n_eng, n_res, n_mix = (int(counts.get(k, 0)) for k in ("engaging", "restricting", "mixed"))
        score, label = read_stance(n_eng, n_res, n_mix)
        topics = found["topic"].value_counts().sort_index().sort_values(ascending=False, kind="mergesort")
        rows.append({
            "country": country, "n_engaging": n_eng, "n_restricting": n_res, "n_mixed": n_mix, "score": score,
            "stance": label, "n_evidence": len(lean), "n_articles": lean["doc_id"].nunique(),
            "n_stories": lean["story_id"].nunique(), "topics": ", ".join(f"{t} ({n})" for t, n in topics.items()),
        })
    columns = ["country", "n_engaging", "n_restricting", "n_mixed", "score", "stance", "n_evidence", "n_articles",
               "n_stories", "topics"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"country": "string", "n_engaging": "Int64", "n_restricting": "Int64", "n_mixed": "Int64",
                       "score": "Float64", "stance": "string", "n_evidence": "Int64", "n_articles": "Int64",
                       "n_stories": "Int64", "topics": "string"})


def stance_evidence(mentions: pd.DataFrame, sentence_frame: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """List the sentences behind each country's stance, with their stance topics.

    Args:
        mentions: The mentions frame.
        sentence_frame: The sentences frame (doc_id, sentence_id, text).
        sentences: From :func:`statecraft.comparison.country_sentences`.

    Returns:
        country, doc_id, sentence_id, story_id, lean (engaging, restricting or mixed
        for this sentence), topics (sorted, ", "-joined), text; sorted by country,
        doc_id, sentence_id.
    """
    out = _leans(_evidence_mentions(mentions, sentences))
    texts = sentence_frame[[*_KEYS, "text"]]
    out = out.merge(texts, on=_KEYS, how="left", validate="m:1")
    out = out.astype({"country": "string", "doc_id": "string", "sentence_id": "Int64", "story_id": "string",
                      "lean": "string", "topics": "string", "text": "string"})
    return out.sort_values(["country", *_KEYS], kind="mergesort").reset_index(drop=True)


def _evidence_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Pair each stance-topic mention with the countries of its sentence."""
    table = stance_topics()
    keep = (mentions["entity_type"] == "topic") & (mentions["role"] == "subject")
    keep &= mentions["entity_id"].isin(list(table))
    topics = mentions.loc[keep.fillna(False), [*_KEYS, "entity_id"]].rename(columns={"entity_id": "topic"})
    topics = topics.assign(direction=topics["topic"].map(table))
    pairs = sentences[["country", *_KEYS, "story_id"]].merge(topics, on=_KEYS, validate="m:m")
    return pairs.sort_values(["country", *_KEYS, "topic"], kind="mergesort").reset_index(drop=True)


def _leans(pairs: pd.DataFrame) -> pd.DataFrame:
    """Give each (country, sentence) the lean of most of its stance-topic mentions."""
    keys = ["country", *_KEYS, "story_id"]
    if pairs.empty:
        return pd.DataFrame([], columns=[*keys, "lean", "topics"])
    marked = pairs.assign(engaging=pairs["direction"].eq("engaging").fillna(False).astype(int),
                          restricting=pairs["direction"].eq("restricting").fillna(False).astype(int))  # fmt: skip
    grouped = marked.groupby(keys, sort=True)  # the groups (and NA keys dropped) of a loop over them
    counts = grouped[["engaging", "restricting"]].sum()
    topics = grouped["topic"].agg(lambda topic: ", ".join(sorted(set(topic))))
    out = counts.join(topics).reset_index()
    lean = [read_stance(int(e), int(r))[1] for e, r in zip(out["engaging"], out["restricting"], strict=True)]
    rows = {k: out[k].astype(object).tolist() for k in keys}  # plain values, as rows of dicts gave them
    return pd.DataFrame({**rows, "lean": lean, "topics": out["topic"].astype(object).tolist()},
                        columns=[*keys, "lean", "topics"])  # fmt: skip
