"""Language detection: wirewatch's detector against `langdetect.detect` (seed 0), same run.

    .venv/bin/python bench/language.py [CORPUS_DIR] [--per-language 40] [--sample 600]

Texts: `--per-language` texts of 200+ characters in each of the 24 languages of
bench/language_sentences.json (sentences written for this benchmark, composed into texts by
`evaluation_texts`), the French, Spanish and German articles of seeds/foreign, and
`--sample` bodies drawn from CORPUS_DIR (any folder of .txt articles, e.g. one written by
bench/neardup/generate.py). Identical bodies count once (the detector scores a repeated
body once; the reference would not). Apart, `--mixed` texts per language with one English
sentence among two to four of its own, where langdetect itself may go either way.

For each group it prints the agreement of the top language (the detector with no probability
floor, against langdetect.detect on the whole text) and the CPU ms per document of both, best
of `--rounds` interleaved rounds: the detector as a run uses it (one detector for all texts,
so words met in earlier texts are not scored again) and cold (no word known: the cost of a
text whose every word is new). Then agreement and speed for other (sample characters,
windows) settings, and last a JSON line with the overall figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from langdetect import DetectorFactory, detect  # noqa: E402

from wirewatch.config import NormaliseSettings  # noqa: E402
from wirewatch.ingest.decoding import decode_bytes  # noqa: E402
from wirewatch.ingest.language import LanguageDetector, LanguageProfiles  # noqa: E402
from wirewatch.ingest.normalise import normalise_text  # noqa: E402

SENTENCES = Path(__file__).with_name("language_sentences.json")
OTHER_SETTINGS = ((400, 4), (600, 4), (600, 6), (1500, 6), (2000, 8))


def evaluation_texts(per_language: int, seed: int = 0) -> list[tuple[str, str]]:
    """(language, text) pairs: for each language, texts of 200 to about 3,000 characters made
    of its sentences in a random order (repeated once all are used), two or three to a
    paragraph. Deterministic for a given seed."""
    sentences = json.loads(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    texts = []
    for lang, pool in sorted(sentences.items()):
        rng = random.Random(f"{seed}-{lang}")
        for _ in range(per_language):
            target = rng.choice((200, 250, 300, 400, 600, 900, 1400, 2000, 3000))
            order: list[str] = []
            paragraphs: list[list[str]] = [[]]
            while sum(len(s) + 1 for p in paragraphs for s in p) < target:
                if not order:
                    order = rng.sample(pool, len(pool))
                if len(paragraphs[-1]) >= rng.choice((2, 3)):
                    paragraphs.append([])
                paragraphs[-1].append(order.pop())
            texts.append((lang, "\n".join(" ".join(p) for p in paragraphs)))
    return texts


def mixed_texts(per_language: int, seed: int = 0) -> list[tuple[str, str]]:
    """("xx+en", text) pairs: two to four sentences of a language and one English sentence
    among them, where langdetect itself may go either way (reported apart)."""
    sentences = json.loads(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    texts = []
    for lang, pool in sorted(sentences.items()):
        if lang == "en":
            continue
        rng = random.Random(f"{seed}-mixed-{lang}")
        for _ in range(per_language):
            chosen = rng.sample(pool, rng.choice((2, 3, 4)))
            chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(sentences["en"]))
            texts.append((f"{lang}+en", " ".join(chosen)))
    return texts


def corpus_bodies(corpus: Path, sample: int) -> list[str]:
    files = sorted(corpus.rglob("*.txt"))
    chosen = random.Random(0).sample(files, min(sample, len(files)))
    bodies = [normalise_text(decode_bytes(path.read_bytes())[0]).body for path in chosen]
    return [body for body in bodies if body]


def seed_bodies() -> list[tuple[str, str]]:
    """(language folder, body) of seeds/foreign, read here, never copied into the repo."""
    return [
        (path.parent.name, normalise_text(decode_bytes(path.read_bytes())[0]).body)
        for path in sorted((ROOT / "seeds" / "foreign").rglob("*.txt"))
    ]


def reference_answers(texts: list[str]) -> list[str]:
    DetectorFactory.seed = 0
    return [detect(text).split("-")[0] for text in texts]


def timed(detect_one, texts: list[str]) -> tuple[list, list[float]]:  # noqa: ANN001
    answers, seconds = [], []
    for text in texts:
        started = time.process_time()
        answers.append(detect_one(text))
        seconds.append(time.process_time() - started)
    return answers, seconds


def make_detector(profiles: LanguageProfiles, chars: int, windows: int) -> LanguageDetector:
    """The configured thresholds, but no probability floor: agreement compares top languages."""
    cfg = NormaliseSettings()
    return LanguageDetector(min_chars=cfg.min_lang_chars, min_prob=0.0, sample_chars=chars,
                            windows=windows, profiles=profiles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="folder of English .txt articles")
    parser.add_argument("--per-language", type=int, default=40)
    parser.add_argument("--sample", type=int, default=600, help="documents drawn from CORPUS")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mixed", type=int, default=10,
                        help="texts per language with one English sentence among its own")
    args = parser.parse_args(argv)
    cfg = NormaliseSettings()

    groups: list[tuple[str, str]] = list(evaluation_texts(args.per_language))
    groups += [(f"seed-{lang}", body) for lang, body in seed_bodies()]
    if args.corpus:
        groups += [("corpus-en", body) for body in corpus_bodies(args.corpus, args.sample)]
    groups += mixed_texts(args.mixed)
    seen: set[str] = set()
    unique = [(g, t) for g, t in groups if not (t in seen or seen.add(t))]  # type: ignore[func-returns-value]
    labels = [g for g, _ in unique]
    texts = [t for _, t in unique]
    lengths = [len(t) for g, t in unique if "+" not in g]
    print(f"{len(texts)} distinct texts ({len(groups) - len(texts)} repeats dropped), "
          f"{len({g for g in labels if len(g) == 2})} written languages, "
          f"{min(lengths)}-{max(lengths)} characters (mixed texts aside)")

    started = time.perf_counter()
    profiles = LanguageProfiles.load()
    print(f"profiles loaded in {time.perf_counter() - started:.2f} s: "
          f"{len(profiles.keys)} n-grams x {len(profiles.langs)} languages, "
          f"{profiles.log_probs.nbytes / 1e6:.0f} MB")
    reference = reference_answers(texts)  # also warms langdetect's profiles
    make_detector(profiles, cfg.lang_sample_chars, cfg.lang_windows).detect(" ".join(texts))

    best_ref = [float("inf")] * len(texts)
    best_own = [float("inf")] * len(texts)
    best_cold = [float("inf")] * len(texts)
    own: list = []
    for _ in range(args.rounds):
        ref_round, ref_seconds = timed(lambda t: detect(t).split("-")[0], texts)
        assert ref_round == reference  # langdetect with seed 0 is deterministic
        detector = make_detector(profiles, cfg.lang_sample_chars, cfg.lang_windows)
        own, own_seconds = timed(detector.detect, texts)
        cold_detector = make_detector(profiles, cfg.lang_sample_chars, cfg.lang_windows)

        def detect_cold(text: str, cold_detector: LanguageDetector = cold_detector) -> object:
            cold_detector.forget()
            return cold_detector.detect(text)

        cold, cold_seconds = timed(detect_cold, texts)
        assert cold == own  # kept word sums never change an answer
        best_ref = [min(a, b) for a, b in zip(best_ref, ref_seconds, strict=True)]
        best_own = [min(a, b) for a, b in zip(best_own, own_seconds, strict=True)]
        best_cold = [min(a, b) for a, b in zip(best_cold, cold_seconds, strict=True)]

    by_group: dict[str, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_group[label].append(index)
    print(f"\nsample {cfg.lang_sample_chars} chars in {cfg.lang_windows} windows; "
          f"CPU ms per document, best of {args.rounds} rounds")
    print("(wirewatch: words met earlier in the run kept, as in a run; cold: no word known)")
    print(f"{'group':<10} {'n':>4} {'agree':>7} {'langdetect':>10} {'wirewatch':>9} "
          f"{'x':>5} {'cold':>6} {'x':>5}  disagreements (langdetect -> wirewatch)")

    def row(label: str, indices: list[int]) -> tuple[float, float, float, float]:
        agree = sum(own[i].lang == reference[i] for i in indices) / len(indices)
        ref_ms, own_ms, cold_ms = (sum(best[i] for i in indices) / len(indices) * 1000
                                   for best in (best_ref, best_own, best_cold))
        wrong = sorted({f"{reference[i]}->{own[i].lang}" for i in indices
                        if own[i].lang != reference[i]})
        print(f"{label:<10} {len(indices):>4} {agree:7.2%} {ref_ms:10.3f} {own_ms:9.3f} "
              f"{ref_ms / own_ms:5.1f} {cold_ms:6.3f} {ref_ms / cold_ms:5.1f}  {' '.join(wrong)}")
        return agree, ref_ms, own_ms, cold_ms

    single = [i for i, label in enumerate(labels) if "+" not in label]
    mixed = [i for i, label in enumerate(labels) if "+" in label]
    for label, indices in sorted(by_group.items()):
        if "+" not in label:
            row(label, indices)
    agree_all, ref_ms, own_ms, cold_ms = row("all", single)
    undetermined = sum(own[i].prob < cfg.min_lang_prob for i in single)
    print("one English sentence among 2-4 of another language (not in 'all'):")
    for label, indices in sorted(by_group.items()):
        if "+" in label:
            row(label, indices)
    if mixed:
        row("all mixed", mixed)
        print(f"mixed below min_lang_prob {cfg.min_lang_prob} (stored as und): "
              f"{sum(own[i].prob < cfg.min_lang_prob for i in mixed)} of {len(mixed)}")
    print(f"below min_lang_prob {cfg.min_lang_prob} (stored as und): {undetermined}")

    print(f"\nother settings, one round: {'chars':>6} {'windows':>7} {'agree':>7} "
          f"{'mixed':>7} {'ms/doc':>7}")
    for chars, windows in OTHER_SETTINGS:
        detector = make_detector(profiles, chars, windows)
        answers, seconds = timed(detector.detect, texts)
        agree = sum(answers[i].lang == reference[i] for i in single) / len(single)
        agree_mixed = sum(answers[i].lang == reference[i] for i in mixed) / max(1, len(mixed))
        ms = sum(seconds[i] for i in single) / len(single) * 1000
        print(f"{'':26}{chars:>6} {windows:>7} {agree:7.2%} {agree_mixed:7.2%} {ms:7.3f}")
    print(json.dumps({
        "n": len(single), "agreement": round(agree_all, 5),
        "langdetect_ms_per_doc": round(ref_ms, 4), "wirewatch_ms_per_doc": round(own_ms, 4),
        "speed_up": round(ref_ms / own_ms, 2), "wirewatch_cold_ms_per_doc": round(cold_ms, 4),
        "speed_up_cold": round(ref_ms / cold_ms, 2),
        "sample_chars": cfg.lang_sample_chars, "windows": cfg.lang_windows,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
