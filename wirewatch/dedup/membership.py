"""Which story cluster each clustered document belongs to, held in memory beside the store.

Clustering a batch needs every member of the clusters its candidates belong to. Reading those
from `document_clusters` meant two scans of the table per batch (by doc_seq, then by
cluster_id), a cost that grew with the corpus. This map answers the same question with two
array gathers: `cluster_code[doc_seq]` gives a candidate's cluster, and one pass over the codes
marks every member. It is loaded once per store from `document_clusters` (the source of truth)
and updated after each clustering commit; the store drops it whenever a batch fails, so a
rollback can never leave it ahead of the table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_UNCLUSTERED = -1


class ClusterMembership:
    """doc_seq -> cluster, as dense arrays: `cluster_code[doc_seq]` indexes `cluster_ids`."""

    def __init__(self) -> None:
        self._cluster_code = np.full(1024, _UNCLUSTERED, dtype=np.int64)
        self._cluster_ids: list[str] = []
        self._code_of: dict[str, int] = {}

    @classmethod
    def from_rows(cls, doc_seqs: np.ndarray, cluster_ids: Sequence[str]) -> ClusterMembership:
        membership = cls()
        membership.assign(np.asarray(doc_seqs, dtype=np.int64), cluster_ids)
        return membership

    def __len__(self) -> int:
        return int(np.count_nonzero(self._cluster_code != _UNCLUSTERED))

    def _codes_for(self, cluster_ids: Sequence[str]) -> np.ndarray:
        codes = np.empty(len(cluster_ids), dtype=np.int64)
        for i, cluster_id in enumerate(cluster_ids):
            code = self._code_of.get(cluster_id)
            if code is None:
                code = self._code_of[cluster_id] = len(self._cluster_ids)
                self._cluster_ids.append(cluster_id)
            codes[i] = code
        return codes

    def assign(self, doc_seqs: np.ndarray, cluster_ids: Sequence[str]) -> None:
        """Put each document in its cluster (replacing any earlier assignment)."""
        if len(doc_seqs) != len(cluster_ids):
            raise ValueError(f"{len(doc_seqs)} doc_seqs but {len(cluster_ids)} cluster ids")
        if not len(doc_seqs):
            return
        if int(doc_seqs.min()) < 0:
            raise ValueError("doc_seq must not be negative")
        needed = int(doc_seqs.max()) + 1
        if needed > len(self._cluster_code):
            # Doubling keeps the amortised cost of growth constant per document.
            grown = np.full(max(needed, 2 * len(self._cluster_code)), _UNCLUSTERED, np.int64)
            grown[: len(self._cluster_code)] = self._cluster_code
            self._cluster_code = grown
        self._cluster_code[doc_seqs] = self._codes_for(cluster_ids)

    def members_of_clusters_of(self, doc_seqs: np.ndarray) -> np.ndarray:
        """Sorted doc_seqs of every member of the clusters that `doc_seqs` belong to (documents
        not clustered yet contribute nothing)."""
        seqs = np.asarray(doc_seqs, dtype=np.int64)
        seqs = seqs[(seqs >= 0) & (seqs < len(self._cluster_code))]
        codes = self._cluster_code[seqs]
        codes = codes[codes != _UNCLUSTERED]
        if not len(codes):
            return np.zeros(0, dtype=np.int64)
        is_touched = np.zeros(len(self._cluster_ids) + 1, dtype=bool)
        is_touched[codes] = True
        # _UNCLUSTERED (-1) indexes the extra last slot, which stays False.
        return np.flatnonzero(is_touched[self._cluster_code]).astype(np.int64)

    def cluster_ids_of(self, doc_seqs: np.ndarray) -> list[str]:
        """The cluster id of each (clustered) document."""
        codes = self._cluster_code[np.asarray(doc_seqs, dtype=np.int64)]
        if np.any(codes == _UNCLUSTERED):
            raise KeyError("a doc_seq has no cluster")
        return [self._cluster_ids[code] for code in codes.tolist()]
