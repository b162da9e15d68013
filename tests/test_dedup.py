"""Dedup stage: OPH MinHash signatures, LSH band keys, verification and cluster planning."""

from __future__ import annotations

import random

import numpy as np
import pytest

from wirewatch.config import DedupSettings
from wirewatch.dedup.reprints import (
    CandidateSet,
    ClusteredDoc,
    MinHasher,
    decide_clusters,
    estimate_containment,
    estimate_jaccard,
    plan_clusters,
    shingle_text,
    verify_pairs,
)

CFG = DedupSettings()
WORDS = [
    "minister",
    "talks",
    "border",
    "security",
    "agreement",
    "officials",
    "capital",
    "trade",
    "energy",
    "ports",
    "rail",
    "sanctions",
    "protest",
    "army",
    "police",
    "court",
    "election",
    "parliament",
    "budget",
    "drought",
    "aid",
    "refugees",
    "summit",
    "delegation",
    "treaty",
    "ceasefire",
    "pipeline",
    "exports",
    "imports",
    "tariff",
    "customs",
    "bank",
    "loan",
]


def _article(rng: random.Random, n_words: int = 400) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < n_words:
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + ".")
    return " ".join(sentences)


def _exact_jaccard(a: str, b: str, k: int = CFG.shingle_words) -> float:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = shingle_text(text).split()
        return {tuple(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}

    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


@pytest.fixture(scope="module")
def hasher() -> MinHasher:
    return MinHasher(CFG)


def test_signatures_are_deterministic_and_independent_of_batch_composition(hasher):
    rng = random.Random(1)
    bodies = [_article(rng) for _ in range(20)]
    whole = hasher.signatures(bodies).values
    again = MinHasher(CFG).signatures(bodies).values
    part = hasher.signatures(bodies[5:9]).values
    assert np.array_equal(whole, again)
    assert np.array_equal(whole[5:9], part)


def test_case_punctuation_and_whitespace_do_not_change_the_signature(hasher):
    a = "Turkey said on Friday it would buy the S-400 system, officials said."
    b = "TURKEY said   on Friday -- it would buy the S 400 system; officials SAID!"
    sigs = hasher.signatures([a, b]).values
    assert np.array_equal(sigs[0], sigs[1])


def test_estimated_jaccard_tracks_exact_jaccard(hasher):
    rng = random.Random(2)
    errors = []
    for _ in range(60):
        original = _article(rng)
        words = original.split()
        copy = words[: int(len(words) * rng.uniform(0.3, 1.0))]
        for _ in range(rng.randint(0, 20)):
            copy[rng.randrange(len(copy))] = "zzz"
        pair = hasher.signatures([original, " ".join(copy)]).values
        errors.append(
            float(estimate_jaccard(pair[0], pair[1])) - _exact_jaccard(original, " ".join(copy))
        )
    errors_array = np.array(errors)
    # K=128 bins: standard error <= 0.044; the mean error shows no bias.
    assert abs(errors_array.mean()) < 0.02
    assert np.abs(errors_array).max() < 0.15


def test_shingle_counts_for_empty_short_and_normal_bodies(hasher):
    sigs = hasher.signatures(["", "two words", "one two three four five six"])
    assert sigs.n_shingles.tolist() == [0, 1, 2]


def test_num_perm_must_be_a_power_of_two():
    with pytest.raises(ValueError, match="power of two"):
        MinHasher(DedupSettings(num_perm=100))


def test_identical_signatures_give_identical_band_keys_and_bands_differ(hasher):
    rng = random.Random(3)
    body = _article(rng)
    sigs = hasher.signatures([body, body, _article(rng)]).values
    keys = hasher.band_keys(sigs)
    assert keys.shape == (3, CFG.bands)
    assert np.array_equal(keys[0], keys[1])
    assert not np.intersect1d(keys[0], keys[2]).size
    assert len(set(keys[0].tolist())) == CFG.bands


def test_truncated_copy_is_verified_by_containment_and_unrelated_text_is_not(hasher):
    cfg = DedupSettings(min_jaccard=0.5, min_containment=0.7)  # the mechanism, not the defaults
    rng = random.Random(4)
    original = _article(rng, 600)
    truncated = " ".join(original.split()[:150])  # 25 % of the original
    unrelated = _article(rng, 600)
    sigs = hasher.signatures([original, truncated, unrelated])
    n = sigs.n_shingles
    verdict = verify_pairs(sigs.values[[0, 0]], n[[0, 0]], sigs.values[[1, 2]], n[[1, 2]], cfg)
    assert verdict.is_duplicate.tolist() == [True, False]
    assert verdict.jaccard[0] < cfg.min_jaccard  # found by containment, not Jaccard
    assert verdict.containment[0] >= cfg.min_containment


def test_containment_formula_matches_set_arithmetic():
    # |A| = 40, |B| = 100, A subset of B: J = 40/100 = 0.4, containment of A = 1.
    assert estimate_containment(np.array([0.4]), np.array([40]), np.array([100]))[
        0
    ] == pytest.approx(1.0)
    assert estimate_containment(np.array([0.0]), np.array([40]), np.array([100]))[0] == 0.0


def test_plan_merges_two_clusters_bridged_by_a_new_document_under_the_older_id():
    plan = plan_clusters(
        new_docs=["bridge"],
        duplicate_pairs=[("bridge", "a2"), ("bridge", "b1")],
        known_cluster={"a1": "a1", "a2": "a1", "b1": "b1"},
        order={"a1": 1, "a2": 3, "b1": 2, "bridge": 4},
        cluster_members={"a1": ["a1", "a2"], "b1": ["b1"]},
    )
    # Members of the surviving cluster keep their rows; the absorbed ones move.
    assert plan.assignments == {"b1": "a1", "bridge": "a1"}
    assert plan.merged_away == {"b1"}
    assert plan.touched_clusters == {"a1"}


def test_plan_is_the_same_whatever_the_order_of_pairs():
    arguments = {
        "new_docs": ["x", "y", "z"],
        "known_cluster": {},
        "order": {"x": 3, "y": 1, "z": 2},
        "cluster_members": {},
    }
    pairs = [("x", "y"), ("y", "z")]
    first = plan_clusters(duplicate_pairs=pairs, **arguments)
    second = plan_clusters(duplicate_pairs=list(reversed([(b, a) for a, b in pairs])), **arguments)
    assert first == second
    assert set(first.assignments.values()) == {"y"}


def test_decide_picks_the_fullest_copy_as_canonical_and_keeps_strangers_apart(hasher):
    rng = random.Random(5)
    full = _article(rng, 500)
    cut = " ".join(full.split()[:300])
    stranger = _article(rng, 500)
    sigs = hasher.signatures([cut, full, stranger])
    decision = decide_clusters(
        CandidateSet(
            doc_ids=["cut", "full", "stranger"],
            doc_seqs=[1, 2, 3],
            signatures=sigs,
            pairs=[("cut", "full"), ("cut", "stranger")],
            members=[],
        ),
        CFG,
    )
    by_doc = {row[0]: row for row in decision.rows}
    assert by_doc["cut"][1] == by_doc["full"][1] == "cut"  # id of the earliest document
    assert by_doc["full"][4] is True and by_doc["cut"][4] is False  # the fullest is canonical
    assert by_doc["full"][2:4] == (1.0, "exact")
    assert by_doc["stranger"][1] == "stranger"
    assert (decision.n_candidate_pairs, decision.n_duplicate_pairs, decision.n_reprints) == (
        2,
        1,
        1,
    )


def test_decide_attaches_a_reprint_to_an_existing_cluster(hasher):
    rng = random.Random(6)
    original = _article(rng, 500)
    words = original.split()
    reprint = " ".join(["Share", "this", "article", *words[:-20]])
    sigs = hasher.signatures([original, reprint])
    decision = decide_clusters(
        CandidateSet(
            doc_ids=["reprint"],
            doc_seqs=[9],
            signatures=type(sigs)(values=sigs.values[1:], n_shingles=sigs.n_shingles[1:]),
            pairs=[("reprint", "orig")],
            members=[ClusteredDoc("orig", "orig", 1, int(sigs.n_shingles[0]), sigs.values[0])],
        ),
        CFG,
    )
    assert {row[0]: row[1] for row in decision.rows} == {"orig": "orig", "reprint": "orig"}
    assert decision.n_reprints == 1


def test_exact_verdicts_match_set_arithmetic_for_every_pair():
    from wirewatch.dedup.reprints import exact_verdicts

    rng = random.Random(3)
    base = [rng.randrange(2**32) for _ in range(400)]
    sets_py = [set(base[: rng.randrange(20, 400)]) | {rng.randrange(2**32)
                                                       for _ in range(rng.randrange(0, 300))}
               for _ in range(60)]
    sets_py.append(set())  # a body without words
    sets = [np.array(sorted(s), dtype=np.uint32) for s in sets_py]
    pairs = [(rng.randrange(len(sets)), rng.randrange(len(sets))) for _ in range(500)]
    left = np.array([a for a, _ in pairs])
    right = np.array([b for _, b in pairs])
    cfg = DedupSettings()
    verdict = exact_verdicts(sets, left, right, cfg)
    for i, (a, b) in enumerate(pairs):
        shared = len(sets_py[a] & sets_py[b])
        union = len(sets_py[a] | sets_py[b])
        smaller = min(len(sets_py[a]), len(sets_py[b]))
        jaccard = shared / union if union else 0.0
        containment = shared / smaller if smaller else 0.0
        assert verdict.jaccard[i] == pytest.approx(jaccard)
        assert verdict.containment[i] == pytest.approx(containment)
        assert verdict.is_duplicate[i] == (jaccard >= cfg.min_jaccard or (
            smaller >= cfg.min_containment_shingles and containment >= cfg.min_containment))
