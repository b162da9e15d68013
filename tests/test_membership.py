"""The in-memory doc_seq -> cluster map against what document_clusters holds."""

from __future__ import annotations

import numpy as np
import pytest

from wirewatch.dedup.membership import ClusterMembership


def test_members_of_the_clusters_of_candidates():
    membership = ClusterMembership.from_rows(
        np.array([1, 2, 3, 5, 8]), ["a", "a", "b", "c", "b"]
    )
    assert membership.members_of_clusters_of(np.array([2])).tolist() == [1, 2]
    assert membership.members_of_clusters_of(np.array([8, 5])).tolist() == [3, 5, 8]
    # Unclustered and out-of-range doc_seqs contribute nothing.
    assert membership.members_of_clusters_of(np.array([4, 99, 0])).tolist() == []
    assert membership.cluster_ids_of(np.array([3, 1])) == ["b", "a"]
    assert len(membership) == 5


def test_reassignment_moves_documents_between_clusters():
    membership = ClusterMembership.from_rows(np.array([1, 2, 3]), ["a", "b", "b"])
    # A merge: b's members join a; a new document 3000 (beyond the initial capacity) joins too.
    membership.assign(np.array([2, 3, 3000]), ["a", "a", "a"])
    assert membership.members_of_clusters_of(np.array([1])).tolist() == [1, 2, 3, 3000]
    assert membership.cluster_ids_of(np.array([3000])) == ["a"]


def test_unclustered_document_has_no_cluster_id():
    membership = ClusterMembership.from_rows(np.array([1]), ["a"])
    with pytest.raises(KeyError):
        membership.cluster_ids_of(np.array([0]))


def test_random_assignments_match_a_dictionary():
    rng = np.random.default_rng(3)
    membership = ClusterMembership()
    expected: dict[int, str] = {}
    for _ in range(20):
        seqs = np.unique(rng.integers(0, 5000, size=200))
        clusters = [f"c{c}" for c in rng.integers(0, 300, size=len(seqs))]
        membership.assign(seqs, clusters)
        expected.update(zip(seqs.tolist(), clusters, strict=True))
    probe = rng.integers(0, 5000, size=50)
    wanted_clusters = {expected[s] for s in probe.tolist() if s in expected}
    wanted = sorted(s for s, c in expected.items() if c in wanted_clusters)
    assert membership.members_of_clusters_of(probe).tolist() == wanted
    assert len(membership) == len(expected)
