"""Dedup stage: MinHash signatures of normalised bodies, LSH band keys, candidate
verification, and the cluster plan that groups reprints of one wire story.

Signatures use one-permutation hashing (OPH) with optimal densification
(Shrivastava, "Optimal Densification for Fast and Accurate Minwise Hashing", ICML 2017):
every word shingle is hashed once to 64 bits; the top log2(K) bits pick one of K bins, the low
32 bits are the value, and each bin keeps its minimum. Empty bins borrow the value of a bin
chosen by a fixed pseudo-random probe sequence, identical for every document, so
P[sig_a[i] == sig_b[i]] = J(A, B) as for K independent permutations, at the cost of one hash
per shingle instead of K.

LSH banding (Leskovec, Rajaraman, Ullman, *Mining of Massive Datasets*, ch. 3.4): the K values
are cut into b bands of r rows; two documents are candidates when any band matches, with
probability 1 - (1 - J^r)^b. Candidates are then verified by estimated Jaccard and by
estimated containment of the smaller document in the larger one, since a copy cut at 40 % of
the original has Jaccard ~0.4 but containment ~1.

Everything is vectorised over a batch with NumPy: bodies are lower-cased and concatenated into
one UTF-8 buffer, split into words by a byte-class table, and every word is hashed with 64-bit
FNV-1a in a loop over byte positions (not over words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from wirewatch.config import DedupSettings
from wirewatch.errors import TransientError
from wirewatch.schemas import CLUSTER_FAILED, DocumentFailure

# Bump when a change alters signatures of the same body; stored signatures then need a rebuild.
HASH_VERSION = 1

_U64 = np.uint64
_EMPTY_BIN = np.uint32(0xFFFFFFFF)
_FNV_OFFSET = _U64(0xCBF29CE484222325)
_FNV_PRIME = _U64(0x100000001B3)
_LONG_WORD = 255
_SHINGLE_MIX = _U64(0x9E3779B97F4A7C15)
_MAX_DENSIFY_PROBES = 4096


# Byte classes for UTF-8 text: ASCII letters and digits are word bytes, other ASCII bytes
# separate words, and bytes >= 0x80 belong to words (accented and non-Latin letters) except
# inside the punctuation sequences _mark_punctuation finds.
_WORD_BYTE = np.zeros(256, dtype=bool)
for _code in range(256):
    _WORD_BYTE[_code] = _code >= 0x80 or chr(_code).isalnum()


def _mark_punctuation(data: np.ndarray, is_word: np.ndarray) -> None:
    """Clear is_word on the UTF-8 bytes of common non-ASCII punctuation: U+00A0-U+00BF (NBSP,
    « », ©, ...), U+2000-U+206F (curly quotes, dashes, ellipsis, thin spaces) and U+3000-U+303F
    (CJK punctuation), so “quoted” and "quoted" give the same word."""
    if len(data) < 3:
        return
    lead, second = data[:-1], data[1:]
    latin1 = np.flatnonzero((lead == 0xC2) & (second >= 0xA0) & (second <= 0xBF))
    lead, second, third = data[:-2], data[1:-1], data[2:]
    three_byte = np.flatnonzero(
        (
            ((lead == 0xE2) & ((second == 0x80) | (second == 0x81)))
            | ((lead == 0xE3) & (second == 0x80))
        )
        & (third >= 0x80)
        & (third <= 0xBF)
    )
    for offset in (0, 1):
        is_word[latin1 + offset] = False
    for offset in (0, 1, 2):
        is_word[three_byte + offset] = False


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijective avalanche mix of 64-bit words."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def concatenated_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of arange(start, start + count) for every pair, vectorised."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    return np.repeat(starts - offsets, counts) + np.arange(total, dtype=np.int64)


def _fnv1a_words(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """64-bit FNV-1a hash of every word data[starts[i]:ends[i]], vectorised over words.

    Words are ordered longest first (a radix sort on the length capped at 255), so at byte
    position j the words still being hashed are a prefix of that order: one step per word
    byte in all, and memory of a few arrays with one entry per word. Words of 255+ bytes (URLs,
    encoded blobs) are rare and finish under a mask."""
    lengths = ends - starts
    capped = np.minimum(lengths, _LONG_WORD)
    order = np.argsort((_LONG_WORD - capped).astype(np.uint8), kind="stable")
    sorted_starts = starts[order]
    sorted_lengths = lengths[order]
    hashes = np.full(len(starts), _FNV_OFFSET, dtype=np.uint64)
    # longer_than[j]: how many words have more than j bytes, for j < _LONG_WORD.
    longer_than = len(lengths) - np.cumsum(np.bincount(capped, minlength=_LONG_WORD + 1))
    for position in range(min(int(capped.max(initial=0)), _LONG_WORD)):
        n = int(longer_than[position])
        hashes[:n] ^= data[sorted_starts[:n] + position]
        hashes[:n] *= _FNV_PRIME
    n_long = int(longer_than[_LONG_WORD - 1]) if len(lengths) else 0
    for position in range(_LONG_WORD, int(lengths.max(initial=0))):
        still = np.flatnonzero(sorted_lengths[:n_long] > position)
        hashes[still] ^= data[sorted_starts[still] + position]
        hashes[still] *= _FNV_PRIME
    result = np.empty_like(hashes)
    result[order] = hashes
    return result


def shingle_text(body: str) -> str:
    """Lower-cased words separated by single spaces: the words shingles are made of (the same
    split `MinHasher.signatures` makes, for tests and reference implementations)."""
    data = np.frombuffer(body.lower().encode("utf-8"), dtype=np.uint8)
    is_word = _WORD_BYTE[data]
    _mark_punctuation(data, is_word)
    spaced = np.where(is_word, data, np.uint8(32)).tobytes().decode("utf-8", errors="replace")
    return " ".join(spaced.split())


@dataclass(frozen=True)
class Signatures:
    """Signatures of a batch: `values[i]` is document i's K-bin signature; `shingle_sets[i]`
    its distinct shingle hashes (low 32 bits, sorted), for exact verification."""

    values: np.ndarray  # (n, K) uint32
    n_shingles: np.ndarray  # (n,) int64; 0 for a body without words
    shingle_sets: Sequence[np.ndarray] = ()  # n sorted uint32 arrays; () when not computed


@lru_cache(maxsize=4)
def min_hasher(cfg: DedupSettings) -> MinHasher:
    """One hasher per settings value (its probe table takes a moment to build)."""
    return MinHasher(cfg)


class MinHasher:
    """Batch OPH MinHash with fixed parameters; equal parameters give equal signatures."""

    def __init__(self, cfg: DedupSettings) -> None:
        if cfg.num_perm & (cfg.num_perm - 1):
            raise ValueError(f"num_perm={cfg.num_perm} must be a power of two")
        self.cfg = cfg
        self._bin_shift = _U64(64 - (cfg.num_perm.bit_length() - 1))
        self._seed = _splitmix64(np.array([cfg.seed], dtype=np.uint64))[0]
        probe_seeds = np.arange(1, _MAX_DENSIFY_PROBES + 1, dtype=np.uint64)[:, None]
        bins = np.arange(cfg.num_perm, dtype=np.uint64)[None, :]
        with np.errstate(over="ignore"):
            mixed = _splitmix64(probe_seeds * _U64(0xD6E8FEB86659FD93) + bins + self._seed)
        # Row t: for every bin, the bin it borrows from at probe t (same for all documents).
        self._probes = (mixed % _U64(cfg.num_perm)).astype(np.int64)

    def signatures(self, bodies: Sequence[str]) -> Signatures:
        n_bins = self.cfg.num_perm
        n_docs = len(bodies)
        hashes, shingle_doc, shingles_per_doc = self._shingle_hashes(bodies)
        bins = (hashes >> self._bin_shift).astype(np.int64)
        values = (hashes & _U64(0xFFFFFFFF)).astype(np.uint32)
        flat = np.full(n_docs * n_bins, _EMPTY_BIN, dtype=np.uint32)
        slots = shingle_doc * n_bins + bins
        np.minimum.at(flat, slots, values)
        filled = np.zeros(n_docs * n_bins, dtype=bool)
        filled[slots] = True
        matrix = flat.reshape(n_docs, n_bins)
        self._densify(matrix, filled.reshape(n_docs, n_bins))
        # One sort of (document, value) gives every document's distinct values in order
        # (np.unique would hash first, several times slower here).
        keyed = np.sort((shingle_doc.astype(np.uint64) << _U64(32)) | values.astype(np.uint64))
        keyed = keyed[np.r_[True, keyed[1:] != keyed[:-1]]] if len(keyed) else keyed
        bounds = np.searchsorted(keyed >> _U64(32), np.arange(n_docs + 1, dtype=np.uint64))
        distinct = (keyed & _U64(0xFFFFFFFF)).astype(np.uint32)
        shingle_sets = [distinct[bounds[i] : bounds[i + 1]] for i in range(n_docs)]
        return Signatures(
            values=matrix,
            n_shingles=shingles_per_doc.astype(np.int64),
            shingle_sets=shingle_sets,
        )

    def _shingle_hashes(self, bodies: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(hash of every shingle, its document's row, shingles per document) for a batch."""
        k = self.cfg.shingle_words
        n_docs = len(bodies)
        # One buffer for the batch; NUL separates documents (decoding rejects NUL bytes, and
        # any left are removed) so word boundaries never straddle two documents.
        joined = "\0".join(body.lower().replace("\0", " ") for body in bodies).encode("utf-8")
        data = np.frombuffer(joined, dtype=np.uint8)
        doc_starts = np.concatenate(([0], np.flatnonzero(data == 0) + 1)) if n_docs else data[:0]
        is_word = _WORD_BYTE[data]
        _mark_punctuation(data, is_word)
        previous = np.concatenate(([False], is_word[:-1]))
        following = np.concatenate((is_word[1:], [False]))
        word_starts = np.flatnonzero(is_word & ~previous)
        word_ends = np.flatnonzero(is_word & ~following) + 1
        word_doc = np.searchsorted(doc_starts, word_starts, side="right") - 1
        words_per_doc = np.bincount(word_doc, minlength=n_docs).astype(np.int64)

        with np.errstate(over="ignore"):
            word_hashes = _splitmix64(_fnv1a_words(data, word_starts, word_ends) + self._seed)

            # A document shorter than k words is one shingle of all its words.
            shingles_per_doc = np.where(
                words_per_doc >= k, words_per_doc - k + 1, (words_per_doc > 0) * 1
            )
            first_word = (
                np.concatenate(([0], np.cumsum(words_per_doc)[:-1])) if n_docs else words_per_doc
            )
            shingle_doc = np.repeat(np.arange(n_docs), shingles_per_doc)
            shingle_start = np.repeat(first_word, shingles_per_doc) + (
                np.arange(len(shingle_doc))
                - np.repeat(np.cumsum(shingles_per_doc) - shingles_per_doc, shingles_per_doc)
            )
            width = np.minimum(np.repeat(words_per_doc, shingles_per_doc), k)
            hashes = np.zeros(len(shingle_doc), dtype=np.uint64)
            padded = np.concatenate((word_hashes, np.zeros(k, dtype=np.uint64)))
            for offset in range(k):
                term = padded[shingle_start + offset]
                hashes = np.where(offset < width, hashes * _SHINGLE_MIX + term, hashes)
            hashes = _splitmix64(hashes)
        return hashes, shingle_doc, shingles_per_doc

    def _densify(self, matrix: np.ndarray, filled: np.ndarray) -> None:
        """Fill empty bins in place from the first filled bin on their probe sequence."""
        empty_doc, empty_bin = np.nonzero(~filled & filled.any(axis=1, keepdims=True))
        source = np.full(len(empty_doc), -1, dtype=np.int64)
        pending = np.arange(len(empty_doc))
        for probe in range(_MAX_DENSIFY_PROBES):
            if not len(pending):
                break
            candidate = self._probes[probe, empty_bin[pending]]
            hit = filled[empty_doc[pending], candidate]
            source[pending[hit]] = candidate[hit]
            pending = pending[~hit]
        done = source >= 0
        matrix[empty_doc[done], empty_bin[done]] = matrix[empty_doc[done], source[done]]

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """(n, b) signed 64-bit keys; equal keys mean an equal band (and band index)."""
        n_docs = signatures.shape[0]
        bands, rows = self.cfg.bands, self.cfg.num_perm // self.cfg.bands
        banded = signatures[:, : bands * rows].reshape(n_docs, bands, rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            keys = np.broadcast_to(
                np.arange(1, bands + 1, dtype=np.uint64) * _U64(0xA24BAED4963EE407), (n_docs, bands)
            ).copy()
            for row in range(rows):
                keys = _splitmix64(keys * _SHINGLE_MIX + banded[:, :, row] + self._seed)
        return keys.view(np.int64)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Share of equal bins per row pair: an unbiased estimate of Jaccard similarity."""
    return (a == b).mean(axis=-1)


def estimate_containment(jaccard: np.ndarray, n_a: np.ndarray, n_b: np.ndarray) -> np.ndarray:
    """|A ∩ B| / min(|A|, |B|), from J = |A∩B| / |A∪B| and the set sizes:
    |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    smaller = np.minimum(n_a, n_b).astype(np.float64)
    intersection = jaccard * (n_a + n_b) / (1.0 + jaccard)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(smaller > 0, np.minimum(intersection / smaller, 1.0), 0.0)


@dataclass(frozen=True)
class Verdict:
    """Verified near-duplicate pairs among candidate pairs (index arrays into the inputs)."""

    is_duplicate: np.ndarray
    jaccard: np.ndarray
    containment: np.ndarray


def verify_pairs(
    sig_a: np.ndarray, n_a: np.ndarray, sig_b: np.ndarray, n_b: np.ndarray, cfg: DedupSettings
) -> Verdict:
    """A pair is one story when its estimated Jaccard reaches `min_jaccard`, or when the smaller
    document (of at least `min_containment_shingles` shingles) is contained in the larger at
    `min_containment` or more."""
    jaccard = estimate_jaccard(sig_a, sig_b)
    containment = estimate_containment(jaccard, n_a, n_b)
    big_enough = np.minimum(n_a, n_b) >= cfg.min_containment_shingles
    is_duplicate = (jaccard >= cfg.min_jaccard) | (
        big_enough & (containment >= cfg.min_containment)
    )
    return Verdict(is_duplicate=is_duplicate, jaccard=jaccard, containment=containment)


def is_borderline(verdict: Verdict, cfg: DedupSettings) -> np.ndarray:
    """Pairs whose estimated Jaccard or containment is within `exact_margin` of its threshold
    (on either side): the estimate's noise may have put them on the wrong side, so they are
    decided on their exact shingle sets."""
    if cfg.exact_margin <= 0:
        return np.zeros(len(verdict.jaccard), dtype=bool)
    return (np.abs(verdict.jaccard - cfg.min_jaccard) < cfg.exact_margin) | (
        np.abs(verdict.containment - cfg.min_containment) < cfg.exact_margin
    )


def exact_verdicts(
    sets: Sequence[np.ndarray], left: np.ndarray, right: np.ndarray, cfg: DedupSettings
) -> Verdict:
    """verify_pairs' rule on exact shingle sets: pair i joins sets[left[i]] and
    sets[right[i]] (sorted distinct uint32 arrays). Vectorised over all pairs: every value of
    the smaller set, tagged with the other set's row, is searched among all rows' tagged
    values."""
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    rows = np.repeat(np.arange(len(sets), dtype=np.uint64), sizes)
    values = np.concatenate(sets).astype(np.uint64) if len(sets) else np.zeros(0, np.uint64)
    tagged = (rows << _U64(32)) | values  # sorted: rows ascending, each set sorted
    size_a, size_b = sizes[left], sizes[right]
    # The smaller set of each pair is searched for in the larger one (fewer searches).
    searched = np.where(size_a <= size_b, left, right)
    searched_in = np.where(size_a <= size_b, right, left)
    searched_sizes = sizes[searched]
    pair_of_value = np.repeat(np.arange(len(left)), searched_sizes)
    starts = np.cumsum(sizes) - sizes
    positions = concatenated_ranges(starts[searched], searched_sizes)
    queries = (searched_in.astype(np.uint64)[pair_of_value] << _U64(32)) | values[positions]
    found = np.searchsorted(tagged, queries)
    hit = tagged[np.minimum(found, len(tagged) - 1)] == queries if len(tagged) else found < 0
    shared = np.bincount(pair_of_value[hit], minlength=len(left))
    union = size_a + size_b - shared
    smaller = np.minimum(size_a, size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, shared / union, 0.0)
        containment = np.where(smaller > 0, shared / smaller, 0.0)
    is_duplicate = (jaccard >= cfg.min_jaccard) | (
        (smaller >= cfg.min_containment_shingles) & (containment >= cfg.min_containment)
    )
    return Verdict(is_duplicate=is_duplicate, jaccard=jaccard, containment=containment)


# --- clusters -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClusterPlan:
    """What the store must write: each (doc_id -> cluster_id) to set, and the clusters whose
    aggregates change or that disappear into another."""

    assignments: dict[str, str]
    touched_clusters: set[str]
    merged_away: set[str]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a


def plan_clusters(
    new_docs: Sequence[str],
    duplicate_pairs: Sequence[tuple[str, str]],
    known_cluster: Mapping[str, str],
    order: Mapping[str, int],
    cluster_members: Mapping[str, Sequence[str]],
) -> ClusterPlan:
    """Connected components over verified pairs, where an already clustered document stands
    for its whole cluster. A component's id is the doc_id of its earliest document (smallest
    ingest order), so ids are the same however the corpus was cut into batches, and merging
    clusters keeps the oldest one's id.

    `known_cluster` maps already clustered doc_ids to their cluster; `order` gives the ingest
    order of every doc_id involved, cluster ids included; `cluster_members` lists the members of
    every known cluster touched by a pair."""
    forest = _UnionFind()

    def node(doc_id: str) -> str:
        return known_cluster.get(doc_id, doc_id)

    for doc_id in new_docs:
        forest.find(node(doc_id))
    for a, b in duplicate_pairs:
        forest.union(node(a), node(b))

    components: dict[str, list[str]] = {}
    for item in list(forest.parent):
        components.setdefault(forest.find(item), []).append(item)

    assignments: dict[str, str] = {}
    touched: set[str] = set()
    merged_away: set[str] = set()
    for items in components.values():
        survivor = min(items, key=lambda doc: (order[doc], doc))
        touched.add(survivor)
        for item in items:
            if item in cluster_members:  # an existing cluster
                if item != survivor:
                    merged_away.add(item)
                    for member in cluster_members[item]:
                        assignments[member] = survivor
            else:
                assignments[item] = survivor
    return ClusterPlan(assignments=assignments, touched_clusters=touched, merged_away=merged_away)


@dataclass(frozen=True)
class ClusteredDoc:
    """An already clustered document, as the store returns it for a touched cluster."""

    doc_id: str
    cluster_id: str
    doc_seq: int
    n_shingles: int
    signature: np.ndarray


@dataclass(frozen=True)
class CandidateSet:
    """Everything `decide_clusters` needs about one dedup batch: the batch's documents, the
    candidate pairs LSH found (batch doc, other doc), and every member of the existing clusters
    those other docs belong to."""

    doc_ids: Sequence[str]
    doc_seqs: Sequence[int]
    signatures: Signatures
    pairs: Sequence[tuple[str, str]]  # unordered candidate pairs, each once
    members: Sequence[ClusteredDoc]
    # Pairs already decided on their exact shingle sets (borderline estimates): the verdict.
    exact: Mapping[tuple[str, str], bool] = field(default_factory=dict)


@dataclass(frozen=True)
class ClusterDecision:
    # (doc_id, cluster_id, similarity to the canonical, method, is_canonical), for every member
    # of every cluster the batch touched.
    rows: list[tuple[str, str, float, str, bool]]
    touched_clusters: set[str]
    merged_away: set[str]
    n_candidate_pairs: int
    n_duplicate_pairs: int
    n_reprints: int  # batch documents that joined a story begun by another document


def decide_clusters(candidates: CandidateSet, cfg: DedupSettings) -> ClusterDecision:
    """Verify candidate pairs and assign every batch document (and every member of a cluster
    it merges) to a cluster, with its estimated Jaccard similarity to the cluster's canonical."""
    members = candidates.members
    doc_ids = [*candidates.doc_ids, *(m.doc_id for m in members)]
    row_of = {doc_id: row for row, doc_id in enumerate(doc_ids)}
    n_bins = candidates.signatures.values.shape[1]
    matrix = np.vstack(
        [
            candidates.signatures.values,
            np.array([m.signature for m in members], dtype=np.uint32).reshape(-1, n_bins),
        ]
    )
    sizes = np.concatenate(
        [
            candidates.signatures.n_shingles,
            np.array([m.n_shingles for m in members], dtype=np.int64),
        ]
    )
    order = dict(zip(candidates.doc_ids, (int(s) for s in candidates.doc_seqs), strict=True))
    order.update((m.doc_id, m.doc_seq) for m in members)
    known_cluster = {m.doc_id: m.cluster_id for m in members}
    cluster_members: dict[str, list[str]] = {}
    for member in members:
        cluster_members.setdefault(member.cluster_id, []).append(member.doc_id)

    # Pairs arrive unique; skip any side we know nothing about (e.g. removed meanwhile).
    pairs = [(a, b) for a, b in candidates.pairs if a in row_of and b in row_of]
    duplicate_pairs: list[tuple[str, str]] = []
    if pairs:
        left = np.fromiter((row_of[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
        right = np.fromiter((row_of[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
        verdict = verify_pairs(matrix[left], sizes[left], matrix[right], sizes[right], cfg)
        is_duplicate = verdict.is_duplicate
        if candidates.exact:
            is_duplicate = np.array(
                [candidates.exact.get(pair, bool(estimated))
                 for pair, estimated in zip(pairs, is_duplicate, strict=True)],
                dtype=bool,
            )
        duplicate_pairs = [pairs[i] for i in np.flatnonzero(is_duplicate)]

    plan = plan_clusters(candidates.doc_ids, duplicate_pairs, known_cluster, order, cluster_members)

    # Final membership of every touched cluster: members that stay, plus everything assigned.
    final_cluster = known_cluster | plan.assignments
    members_of: dict[str, list[str]] = {}
    for doc_id, cluster_id in final_cluster.items():
        if cluster_id in plan.touched_clusters:
            members_of.setdefault(cluster_id, []).append(doc_id)

    # The canonical copy is the fullest one (most shingles); ties go to the earliest.
    assigned: list[tuple[str, str, str]] = []  # (doc_id, cluster_id, canonical doc_id)
    for cluster_id in sorted(members_of):
        in_cluster = members_of[cluster_id]
        canonical = max(in_cluster, key=lambda doc: (sizes[row_of[doc]], -order[doc], doc))
        assigned.extend((doc_id, cluster_id, canonical) for doc_id in sorted(in_cluster))
    doc_rows = np.fromiter((row_of[d] for d, _, _ in assigned), dtype=np.int64, count=len(assigned))
    canonical_rows = np.fromiter(
        (row_of[c] for _, _, c in assigned), dtype=np.int64, count=len(assigned)
    )
    similarities = estimate_jaccard(matrix[doc_rows], matrix[canonical_rows])
    rows = [
        (
            doc_id,
            cluster_id,
            float(similarity),
            "exact" if similarity == 1.0 else "near",
            doc_id == canonical,
        )
        for (doc_id, cluster_id, canonical), similarity in zip(assigned, similarities, strict=True)
    ]

    batch = set(candidates.doc_ids)
    n_reprints = sum(1 for row in rows if row[0] in batch and row[0] != row[1])
    return ClusterDecision(
        rows=rows,
        n_reprints=n_reprints,
        touched_clusters=plan.touched_clusters,
        merged_away=plan.merged_away,
        n_candidate_pairs=len(pairs),
        n_duplicate_pairs=len(duplicate_pairs),
    )


def signature_failures(
    hasher: MinHasher, pending: list[tuple[str, int, str]]
) -> list[DocumentFailure]:
    """The documents of a batch whose signature raises on its own, with the message (a batch
    whose hashing raised is searched document by document, so one bad body stops nothing)."""
    failed: list[DocumentFailure] = []
    for doc_id, _doc_seq, body in pending:
        try:
            hasher.signatures([body])
        except TransientError:
            raise
        except Exception as exc:
            failed.append(
                DocumentFailure(doc_id, CLUSTER_FAILED, f"{type(exc).__name__}: {exc}"[:500])
            )
    return failed
