"""Language detection cost against agreement: langdetect's defaults (1,000 characters here,
7 trials) versus cheaper sample sizes and trial counts, on the same bodies.

    .venv/bin/python bench/language.py CORPUS_DIR [--sample 600]

Bodies are read from CORPUS_DIR (any folder of .txt articles, e.g. one written by
bench/neardup/generate.py), plus the French, Spanish and German articles of seeds/ repeated so
that non-English text is well represented. For each (characters, trials) setting it prints ms
per document and the share of documents whose language equals the reference setting's. First
it compares langdetect's own scoring with wirewatch's faster equivalent
(wirewatch/ingest/language.py) at
the configured 600 characters and 3 trials: CPU ms per document and how many bodies get
identical probabilities.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory  # noqa: E402

from wirewatch.ingest.decoding import decode_bytes  # noqa: E402
from wirewatch.ingest.language import _use_fast_steps  # noqa: E402
from wirewatch.ingest.normalise import normalise_text  # noqa: E402

SETTINGS = ((1000, 7), (500, 7), (1000, 3), (600, 3), (400, 3), (1000, 2))


def bodies_from(corpus: Path, sample: int) -> list[str]:
    files = sorted(corpus.rglob("*.txt"))
    chosen = random.Random(0).sample(files, min(sample, len(files)))
    foreign = sorted((ROOT / "seeds" / "foreign").rglob("*.txt"))
    bodies = []
    for path in [*chosen, *foreign * 20]:
        data = path.read_bytes()
        if data:
            bodies.append(normalise_text(decode_bytes(data)[0]).body)
    return bodies


def detect_all(
    factory: DetectorFactory, bodies: list[str], chars: int, trials: int, fast: bool = False
) -> tuple[float, list[str]]:
    """CPU ms per document and the top language of each body; `fast` scores as
    wirewatch/ingest/language.py does (the same answers, computed faster)."""
    started = time.process_time()
    langs = []
    for body in bodies:
        detector = factory.create()
        detector.n_trial = trials
        if fast:
            _use_fast_steps(detector)
        detector.append(body[:chars])
        langs.append(detector.get_probabilities()[0].lang)
    return (time.process_time() - started) / len(bodies) * 1000, langs


def compare_scoring(factory: DetectorFactory, bodies: list[str], chars: int, trials: int) -> None:
    """langdetect's own scoring against wirewatch's, at the configured setting, 3 rounds."""
    own = min(detect_all(factory, bodies, chars, trials)[0] for _ in range(3))
    fast = min(detect_all(factory, bodies, chars, trials, fast=True)[0] for _ in range(3))
    same = 0
    for body in bodies:
        answers = []
        for use_fast in (False, True):
            detector = factory.create()
            detector.n_trial = trials
            if use_fast:
                _use_fast_steps(detector)
            detector.append(body[:chars])
            answers.append([(p.lang, p.prob) for p in detector.get_probabilities()])
        same += answers[0] == answers[1]
    print(f"scoring at {chars} chars, {trials} trials (best of 3, CPU): langdetect {own:.3f} "
          f"ms/doc, wirewatch {fast:.3f} ms/doc (x{own / fast:.2f}); identical probabilities "
          f"for {same} of {len(bodies)} bodies")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sample", type=int, default=600, help="documents drawn from CORPUS")
    args = parser.parse_args(argv)
    bodies = bodies_from(args.corpus, args.sample)
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    print(f"{len(bodies)} bodies ({args.sample} from {args.corpus}, the rest seeds/foreign x 20)")
    compare_scoring(factory, bodies, 600, 3)  # the [normalise] defaults
    reference_ms, reference = detect_all(factory, bodies, *SETTINGS[0])
    print(f"{'chars':>6} {'trials':>6} {'ms/doc':>7} {'agree':>7}")
    print(f"{SETTINGS[0][0]:>6} {SETTINGS[0][1]:>6} {reference_ms:7.2f} {'(ref)':>7}")
    for chars, trials in SETTINGS[1:]:
        ms, langs = detect_all(factory, bodies, chars, trials)
        agree = sum(a == b for a, b in zip(langs, reference, strict=True)) / len(bodies)
        print(f"{chars:>6} {trials:>6} {ms:7.2f} {agree:7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
