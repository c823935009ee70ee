import sys
from pathlib import Path

import numpy as np
import pytest

from statecraft.sentiment import vectors

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import build_word_vectors as bwv  # noqa: E402


def cosine(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_shipped_vectors_are_a_sorted_vocabulary_of_finite_float16_rows():
    wv = vectors.load()
    words = list(wv.index)
    assert words == sorted(set(words)) and len(words) > 10_000
    assert wv.dims == 128 and wv.vectors.shape == (len(words), 128)
    assert np.isfinite(wv.vectors).all()
    with np.load(vectors.VECTORS_NPZ, allow_pickle=False) as stored:
        assert stored["vectors"].dtype == np.float16
    for word in ("bitcoin", "ban", "approved", "sanctions", "regulator", "profit", "plunged"):
        assert word in wv.index


def test_sentence_vector_is_the_normalised_mean_of_known_words():
    wv = vectors.load()
    text = "Regulators approved the Bitcoin ETF, zzqxw said."
    known = [w for w in vectors.words(text) if w in wv.index]
    assert "zzqxw" not in known and len(known) == 6
    mean = wv.vectors[[wv.index[w] for w in known]].astype(np.float64).sum(axis=0)
    got = wv.sentence_vectors([text, text.upper(), "zzqxw qqzzx", ""])
    assert np.allclose(got[0], mean / np.linalg.norm(mean), atol=1e-6)
    assert np.allclose(got[1], got[0])  # case does not matter
    assert not got[2].any() and not got[3].any()  # no known word: zeros, not NaN
    assert np.allclose(np.linalg.norm(got[0]), 1.0)


def test_vectors_place_related_words_nearer_than_unrelated_ones():
    wv = vectors.load()
    vec = {w: wv.vectors[wv.index[w]].astype(np.float64) for w in ("ban", "prohibit", "crackdown", "rally", "profit",
                                                                     "earnings", "weather")}  # fmt: skip
    assert cosine(vec["ban"], vec["prohibit"]) > cosine(vec["ban"], vec["rally"])
    assert cosine(vec["profit"], vec["earnings"]) > cosine(vec["profit"], vec["weather"])
    sentences = wv.sentence_vectors(["Police cracked down on crypto miners.", "The government banned crypto mining.",
                                     "Bitcoin rallied to a record high."])  # fmt: skip
    assert sentences[0] @ sentences[1] > sentences[0] @ sentences[2]


def test_missing_or_inconsistent_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="build_word_vectors"):
        vectors.load(tmp_path / "none.npz")
    bad = tmp_path / "bad.npz"
    np.savez(bad, words=np.frombuffer(b"a\nb\nc", dtype=np.uint8), vectors=np.zeros((2, 4), dtype=np.float16))
    with pytest.raises(ValueError, match="3 words"):
        vectors.load(bad)


def test_builder_vocabulary_counts_words_without_labels():
    texts = ["Bitcoin rose; bitcoin fell.", "The SEC's ban on ETFs", "ban ban", "co-founder co-founder"]
    assert bwv.vocabulary(texts, 2) == ["ban", "bitcoin", "co-founder"]
    assert "sec's" in bwv.vocabulary(texts, 1)


def test_builder_reduction_is_deterministic_pca_with_fixed_signs():
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(200, 12)) @ np.diag(np.linspace(3, 0.1, 12))
    reduced = bwv.reduce(matrix.astype(np.float32), 4)
    assert reduced.dtype == np.float16 and reduced.shape == (200, 4)
    assert np.array_equal(reduced, bwv.reduce(matrix.astype(np.float32), 4))
    flipped = bwv.reduce(-matrix.astype(np.float32), 4).astype(np.float64)  # same axes, fixed signs: negated scores
    assert np.allclose(flipped, -reduced.astype(np.float64), atol=1e-2)
    variances = reduced.astype(np.float64).var(axis=0)
    assert (np.diff(variances) < 0).all()  # components in order of variance
    assert np.allclose(reduced.astype(np.float64).mean(axis=0), 0, atol=1e-2)
