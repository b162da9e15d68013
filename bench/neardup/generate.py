"""Generate a labelled corpus for evaluating near-duplicate (reprint) clustering.

    .venv/bin/python bench/neardup/generate.py --n 5000 --seed 1 --out DIR

writes about N article files under DIR (folders of at most 200 files) and the answer key:

- DIR/truth.csv    path,family,kind     one row per article; path relative to DIR
- DIR/details.csv  path,family,kind,event,outlet,edits   the same plus the event a family
  reports, who published the file, and what was done to it (diagnostics only)
- DIR/generate.json  parameters, counts and timings

Kinds: `original` (agency wire story that has reprints or whose event has rewrites),
`reprint` (an outlet's edited copy of an original or of a rewrite; same family as its source),
`rewrite` (an outlet's own, independently written story about an event that also has a wire
original: its own family, the hard negative; some are short briefs), `seed` (the real
articles of ../shared/seeds, each its own family), `singleton` (an unrelated story nobody
reprinted). Some reprinted families have no original in the corpus, as in a crawl that missed
the agency's own copy.

Each event is rendered from its own random generator keyed by (seed, event number), so the
same (n, seed, shares) gives byte-identical files whatever --jobs is. See README.md here.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import reprint
import textgen
from textgen import Article, Event, World

GENERATOR_VERSION = 1
EVENTS_PER_JOB = 500
FILES_PER_FOLDER = 200
FOLDERS_PER_GROUP = 20
DEFAULT_SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_EVENT = "seed-turkey-s400"

# Number of reprints in a reprinted family: 1..8, skewed towards few.
REPRINT_COUNT_WEIGHTS = (0.32, 0.22, 0.15, 0.10, 0.08, 0.06, 0.04, 0.03)
# Independent rewrites of an event that has them: 1..3.
REWRITE_COUNT_WEIGHTS = (0.55, 0.30, 0.15)
# Rewrites are reprinted less often and less widely than agency copy.
MAX_REWRITE_REPRINTS = 4
# Share of reprints to which the outlet adds a paragraph or two of its own.
OWN_PARAGRAPHS_SHARE = 0.15
# Share of unreprinted rewrites that are short briefs built around the official statement
# and a quote (about 14 % of all rewrites).
UNREPRINTED_REWRITE_BRIEF_SHARE = 0.2
# Share of singletons that are an outlet's own story rather than agency copy.
OUTLET_SINGLETON_SHARE = 0.3


@dataclass(frozen=True)
class Mix:
    reprint_share: float = 0.40
    rewrite_share: float = 0.15
    # Of reprinted agency stories with 2+ reprints, the share whose original is not in the
    # corpus, so the reprints must be linked to each other.
    orphan_share: float = 0.15
    # Of originals whose event has rewrites, the share that are reprinted too.
    rewritten_original_reprinted: float = 0.6
    # Of rewrites, the share that other outlets reprint.
    rewrite_reprinted: float = 0.3


@dataclass
class FamilyPlan:
    family: str
    kind: str  # kind of the family's first document: original, rewrite or singleton
    n_reprints: int = 0
    root_published: bool = True
    ordinal: int = 0  # which rewrite of its event
    brief: bool = False  # a short rewrite built around the official statement


@dataclass
class EventPlan:
    event_id: str
    families: list[FamilyPlan] = field(default_factory=list)

    def n_docs(self) -> int:
        return sum(f.root_published + f.n_reprints for f in self.families)


@dataclass
class Doc:
    family: str
    kind: str
    event: str
    outlet: str
    edits: str


def _draw(rng: random.Random, weights: tuple[float, ...], cap: int) -> int:
    """A count in 1..len(weights), at most `cap`, drawn by `weights`."""
    usable = weights[:cap]
    point = rng.random() * sum(usable)
    for count, weight in enumerate(usable, start=1):
        point -= weight
        if point < 0:
            return count
    return len(usable)


def plan_corpus(rng: random.Random, n_docs: int, mix: Mix) -> list[EventPlan]:
    """Events and their families, adding up to exactly `n_docs` documents."""
    for name in ("reprint_share", "rewrite_share", "orphan_share"):
        if not 0.0 <= getattr(mix, name) < 1.0:
            raise ValueError(f"{name}={getattr(mix, name)} must be in [0, 1)")
    rewrites_left = round(n_docs * mix.rewrite_share)
    reprints_left = round(n_docs * mix.reprint_share)
    events: list[EventPlan] = []

    def new_event() -> EventPlan:
        event = EventPlan(event_id=f"ev{len(events):06d}")
        events.append(event)
        return event

    def reprints(cap: int) -> int:
        nonlocal reprints_left
        count = min(_draw(rng, REPRINT_COUNT_WEIGHTS, cap), reprints_left)
        reprints_left -= count
        return count

    while rewrites_left > 0:
        event = new_event()
        wire = FamilyPlan(f"{event.event_id}-wire", "original")
        if reprints_left and rng.random() < mix.rewritten_original_reprinted:
            wire.n_reprints = reprints(len(REPRINT_COUNT_WEIGHTS))
        event.families.append(wire)
        for ordinal in range(min(_draw(rng, REWRITE_COUNT_WEIGHTS, 3), rewrites_left)):
            rewrite = FamilyPlan(f"{event.event_id}-rw{ordinal + 1}", "rewrite", ordinal=ordinal)
            if reprints_left and rng.random() < mix.rewrite_reprinted:
                rewrite.n_reprints = reprints(MAX_REWRITE_REPRINTS)
            else:  # nobody reprints a brief
                rewrite.brief = rng.random() < UNREPRINTED_REWRITE_BRIEF_SHARE
            event.families.append(rewrite)
            rewrites_left -= 1
    while reprints_left > 0:
        event = new_event()
        wire = FamilyPlan(f"{event.event_id}-wire", "original")
        wire.n_reprints = reprints(len(REPRINT_COUNT_WEIGHTS))
        wire.root_published = not (wire.n_reprints >= 2 and rng.random() < mix.orphan_share)
        event.families.append(wire)
    n_singletons = n_docs - sum(event.n_docs() for event in events)
    if n_singletons < 0:
        raise ValueError(
            f"reprint_share={mix.reprint_share} and rewrite_share={mix.rewrite_share} need more "
            f"than {n_docs} documents once their originals are counted; lower them"
        )
    for _ in range(n_singletons):
        event = new_event()
        event.families.append(FamilyPlan(f"{event.event_id}-single", "singleton"))
    return events


def relative_path(slot: int) -> str:
    folder = slot // FILES_PER_FOLDER
    return f"part-{folder // FOLDERS_PER_GROUP:02d}/batch-{folder:04d}/{slot:06d}.txt"


def _page(event: Event, related: str) -> reprint.PageInfo:
    slots = event.slots
    month = int(slots["month_index"]) + 1
    return reprint.PageInfo(
        related_headline=related,
        tags=f"{slots['a']}, {slots['b']}, {slots['topic']}",
        date_iso=f"2024-{month:02d}-{int(slots['day']):02d}",
    )


@dataclass(frozen=True)
class Setting:
    """What all events of a corpus share; rebuilt identically from the seed in every worker."""

    seed: int
    world: World
    outlets: list[reprint.Outlet]
    outlet_weights: list[float]
    other_headlines: list[str]  # for "Read more: ..." lines


def outlet_count(n_docs: int) -> int:
    return max(30, min(600, n_docs // 60))


def make_setting(seed: int, n_docs: int) -> Setting:
    rng = random.Random(f"neardup:{seed}:outlets")
    n_outlets = outlet_count(n_docs)
    world = World(seed)
    other_headlines = []
    for index in range(200):
        headline_rng = random.Random(f"neardup:{seed}:other-headline:{index}")
        event = textgen.make_event(headline_rng, world, -1)
        other_headlines.append(textgen.alt_headline(headline_rng, event))
    return Setting(
        seed=seed,
        world=world,
        outlets=reprint.make_outlets(rng, n_outlets),
        # A few outlets publish most of the copy.
        outlet_weights=[1.0 / (rank + 1) ** 0.9 for rank in range(n_outlets)],
        other_headlines=other_headlines,
    )


def render_event(setting: Setting, plan: EventPlan, index: int) -> list[tuple[bytes, Doc]]:
    """Every document of one event, in plan order. Each event has its own random generator,
    so events can be rendered in any order, in any process, with the same result."""
    rng = random.Random(f"neardup:{setting.seed}:event:{index}")
    world = setting.world
    event = textgen.make_event(rng, world, index)
    docs: list[tuple[bytes, Doc]] = []
    wire: Article | None = None
    for family in plan.families:
        publisher: str | None = None
        brief = False
        if family.kind == "rewrite" or (
            family.kind == "singleton" and rng.random() < OUTLET_SINGLETON_SHARE
        ):
            outlet = reprint.pick_outlets(rng, setting.outlets, setting.outlet_weights, 1)[0]
            reporter = textgen.pick(rng, outlet.staff) if rng.random() < 0.6 else None
            brief = family.brief
            article = textgen.render_rewrite(rng, world, event, family.ordinal, outlet.name,
                                             reporter, wire, brief)
            page = _page(event, textgen.pick(rng, setting.other_headlines))
            data = reprint.dress(rng, article, outlet, page)
            publisher = outlet.name
        else:
            article = wire = textgen.render_wire(rng, world, event)
            data = article.text().encode("utf-8")
        if family.root_published:
            docs.append((data, Doc(family.family, family.kind, plan.event_id,
                                   publisher or event.agency, "brief" if brief else "")))
        if not family.n_reprints:
            continue
        # Distinct outlets, never the one that published the story itself.
        outlets = reprint.pick_outlets(rng, setting.outlets, setting.outlet_weights,
                                       family.n_reprints + 1)
        for outlet in [o for o in outlets if o.name != publisher][: family.n_reprints]:
            headline = textgen.alt_headline(rng, event) if rng.random() < 0.85 else None
            page = _page(event, textgen.pick(rng, setting.other_headlines))
            own: list[str] = []
            if rng.random() < OWN_PARAGRAPHS_SHARE:
                own = textgen.outlet_paragraphs(rng, world, event, outlet.name,
                                                rng.randint(1, 3))
            data, edits = reprint.reprint(rng, article, outlet, page, headline, own)
            docs.append((data, Doc(family.family, "reprint", plan.event_id, outlet.name,
                                   ";".join(edits))))
    return docs


@dataclass(frozen=True)
class Job:
    """Write events [first, last) whose documents take slots[first_doc:...]."""

    first: int
    last: int
    first_doc: int


# Per-process state of the workers, set once by _start_worker.
_WORKER: dict[str, object] = {}


def _start_worker(out: Path, seed: int, n_docs: int, plan: list[EventPlan],
                  slots: list[int]) -> None:
    _WORKER.update(out=out, setting=make_setting(seed, n_docs), plan=plan, slots=slots)


def _run_job(job: Job) -> list[tuple[str, Doc]]:
    out: Path = _WORKER["out"]  # type: ignore[assignment]
    setting: Setting = _WORKER["setting"]  # type: ignore[assignment]
    plan: list[EventPlan] = _WORKER["plan"]  # type: ignore[assignment]
    slots: list[int] = _WORKER["slots"]  # type: ignore[assignment]
    rows: list[tuple[str, Doc]] = []
    doc_index = job.first_doc
    for index in range(job.first, job.last):
        for data, doc in render_event(setting, plan[index], index):
            path = relative_path(slots[doc_index])
            doc_index += 1
            (out / path).write_bytes(data)
            rows.append((path, doc))
    return rows


def write_documents(out: Path, seed: int, plan: list[EventPlan], jobs: int
                    ) -> list[tuple[str, Doc]]:
    """Render and write every planned document; return its (path, Doc) rows."""
    n_docs = sum(event.n_docs() for event in plan)
    slots = list(range(n_docs))
    random.Random(f"neardup:{seed}:layout").shuffle(slots)
    for folder in range(-(-n_docs // FILES_PER_FOLDER)):
        (out / relative_path(folder * FILES_PER_FOLDER)).parent.mkdir(parents=True,
                                                                      exist_ok=True)
    work: list[Job] = []
    first_doc = 0
    for first in range(0, len(plan), EVENTS_PER_JOB):
        last = min(first + EVENTS_PER_JOB, len(plan))
        work.append(Job(first, last, first_doc))
        first_doc += sum(event.n_docs() for event in plan[first:last])
    init_args = (out, seed, n_docs, plan, slots)
    rows: list[tuple[str, Doc]] = []
    if jobs <= 1 or len(work) <= 1:
        _start_worker(*init_args)
        for job in work:
            rows.extend(_run_job(job))
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                 initargs=init_args) as pool:
            for job_rows in pool.map(_run_job, work):
                rows.extend(job_rows)
    return rows


def copy_seeds(seeds_dir: Path, out: Path) -> list[tuple[str, Doc]]:
    rows: list[tuple[str, Doc]] = []
    files = sorted(p for p in seeds_dir.iterdir() if p.is_file() and p.suffix == ".txt")
    if files:
        (out / "seeds").mkdir(parents=True, exist_ok=True)
    for source in files:
        path = f"seeds/{source.name}"
        shutil.copyfile(source, out / path)
        rows.append((path, Doc(f"seed-{source.stem}", "seed", SEED_EVENT, "", "")))
    return rows


def write_tables(out: Path, rows: list[tuple[str, Doc]]) -> None:
    rows = sorted(rows, key=lambda row: row[0])
    with (out / "truth.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "family", "kind"])
        writer.writerows((path, doc.family, doc.kind) for path, doc in rows)
    with (out / "details.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "family", "kind", "event", "outlet", "edits"])
        writer.writerows(
            (path, doc.family, doc.kind, doc.event, doc.outlet, doc.edits) for path, doc in rows
        )


def composition(rows: list[tuple[str, Doc]]) -> dict[str, object]:
    """Documents per kind, families per kind of first document, family sizes."""
    kinds = Counter(doc.kind for _, doc in rows)
    family_sizes = Counter(doc.family for _, doc in rows)
    # A family is named after its one non-reprint document; a family of reprints only had
    # its original withheld.
    root_kind = {doc.family: doc.kind for _, doc in rows if doc.kind != "reprint"}
    family_kinds = Counter(root_kind.get(family, "reprints-only") for family in family_sizes)
    reprinted = Counter(root_kind.get(doc.family, "reprints-only") for _, doc in rows
                        if doc.kind == "reprint")
    return {
        "documents": len(rows),
        "documents_per_kind": dict(sorted(kinds.items())),
        "families": len(family_sizes),
        "families_per_kind": dict(sorted(family_kinds.items())),
        "reprints_per_source_kind": dict(sorted(reprinted.items())),
        "family_size_histogram": dict(sorted(Counter(family_sizes.values()).items())),
        "events": len({doc.event for _, doc in rows}),
        "events_with_rewrites": len({doc.event for _, doc in rows if doc.kind == "rewrite"}),
    }


def generate(out: Path, n: int, seed: int, mix: Mix, seeds_dir: Path | None,
             jobs: int = 1) -> dict[str, object]:
    """Write the corpus and its tables under `out`; return the manifest."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    seed_rows = copy_seeds(seeds_dir, out) if seeds_dir is not None else []
    n_generated = max(0, n - len(seed_rows))
    plan = plan_corpus(random.Random(f"neardup:{seed}:plan"), n_generated, mix)
    generated_rows = write_documents(out, seed, plan, jobs)
    rows = seed_rows + generated_rows
    write_tables(out, rows)
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "n_requested": n,
        "seed": seed,
        "mix": mix.__dict__,
        "seeds_dir": str(seeds_dir) if seeds_dir is not None else None,
        "outlets": outlet_count(n_generated),
        "jobs": jobs,
        **composition(rows),
        "total_bytes": sum((out / path).stat().st_size for path, _ in rows),
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / "generate.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _prepare_output(out: Path, force: bool) -> None:
    if not out.exists() or not any(out.iterdir()):
        return
    if not force:
        sys.exit(f"{out} is not empty; pass --force to replace a corpus generated there before")
    if not (out / "truth.csv").is_file():
        sys.exit(f"refusing to delete {out}: it holds no truth.csv, so it is not a generated "
                 "corpus")
    shutil.rmtree(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="number of article files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-seeds", action="store_true",
                        help="do not copy the real same-event articles of --seeds-dir")
    parser.add_argument("--seeds-dir", type=Path, default=DEFAULT_SEEDS_DIR)
    parser.add_argument("--reprint-share", type=float, default=Mix.reprint_share)
    parser.add_argument("--rewrite-share", type=float, default=Mix.rewrite_share)
    parser.add_argument("--orphan-share", type=float, default=Mix.orphan_share)
    parser.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 8),
                        help="worker processes (the output does not depend on it)")
    parser.add_argument("--force", action="store_true",
                        help="replace an earlier generated corpus in --out")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be >= 1")
    _prepare_output(args.out, args.force)
    seeds_dir = None if args.no_seeds or not args.seeds_dir.is_dir() else args.seeds_dir
    mix = Mix(args.reprint_share, args.rewrite_share, args.orphan_share)
    manifest = generate(args.out, args.n, args.seed, mix, seeds_dir, args.jobs)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
