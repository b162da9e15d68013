"""End-to-end benchmark: the real `ingest-folder` flow on N generated articles.

    .venv/bin/python bench/e2e.py N [--workers W] [--compare-workers W2] [--seed 1] [--keep DIR]

The corpus mixes what a folder of news holds: agency stories with reprint families and
same-event rewrites (`bench/neardup/generate.py`, about 94 % of N), articles in French,
Spanish, German, Italian and Portuguese (5 %, written here from templates of our own), and
bad files (1 %: empty, binary, NUL bytes, control characters). Every run starts from a fresh
DuckDB file in its own child process, with `[pipeline] workers = W` (default: the setting's
default, one per core) and Prefect's temporary API server, as `wirewatch run` uses.

Printed per run:
- per-stage docs/s from the `runs` row timers (documents / seconds in the stage). With worker
  processes the read, normalise, language and coding timers add up the workers' time, which
  runs side by side: they are rates per busy process, not shares of the wall clock;
- whole-run docs/s: new documents / (ended_at - started_at) of the `runs` row, and over the
  flow call;
- peak RSS of every process of the run (the flow process, the Prefect server, the fork server,
  each worker; VmHWM from /proc while they are alive) and their sum;
- cores used: CPU seconds of all those processes during the flow call / its wall time;
- new-file latency: one new article written into the already ingested folder, then a second
  run of the flow (settle 0) until it returns with the document committed, i.e. queryable;
  this includes the run's Prefect overhead and the ledger scan of all N files.

With `--compare-workers W2` the same corpus is ingested a second time with W2 workers (in a
fresh database) and the ratio of whole-run docs/s is printed. The last line is one JSON object
(`n`, `docs_per_s`, `peak_rss_mb_total`, `cores_used`, `new_file_latency_s`, ...) for scripts.
Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR / "neardup"))

GENERATOR_VERSION = 1
MANIFEST_NAME = "e2e-corpus.json"
FOREIGN_SHARE = 0.05
BAD_SHARE = 0.01
TARGET_DOCS_PER_S = 280.0
TARGET_PEAK_RSS_MB = 1500.0

# --- the corpus ---------------------------------------------------------------------------------
# Sentence templates of our own in five languages; `{a|b|c}` picks one option, so bodies differ.
_FOREIGN: dict[str, tuple[str, ...]] = {
    "fr": (
        "Le {ministre|porte-parole|président} de la région a {annoncé|confirmé|précisé} "
        "{mardi|jeudi|samedi} que les {travaux|négociations|discussions} reprendraient {bientôt|"
        "la semaine prochaine|avant la fin du mois}.",
        "Selon les {autorités|services|élus} locaux, {plusieurs|de nombreux|quelques} "
        "{habitants|agriculteurs|commerçants} attendent encore une {réponse|aide|décision} "
        "de l'État.",
        "Les {syndicats|associations|partis} de l'opposition {dénoncent|critiquent|regrettent} "
        "un {projet|budget|calendrier} qu'ils jugent {injuste|trop lent|mal préparé}.",
        "Dans la {capitale|ville|province}, la {circulation|vie quotidienne|rentrée} a été "
        "{perturbée|ralentie|bouleversée} par les {pluies|grèves|manifestations} de la veille.",
    ),
    "es": (
        "El {ministro|portavoz|alcalde} {anunció|confirmó|explicó} el {lunes|miércoles|viernes} "
        "que las {obras|negociaciones|conversaciones} {seguirán|se retomarán|avanzarán} "
        "{pronto|la próxima semana|antes de fin de mes}.",
        "Según las {autoridades|fuentes oficiales|organizaciones} {locales|regionales}, "
        "{muchos|varios|cientos de} {vecinos|agricultores|comerciantes} siguen esperando "
        "una {respuesta|ayuda|decisión} del gobierno.",
        "Los {sindicatos|partidos|grupos} de la oposición {critican|denuncian|lamentan} un "
        "{proyecto|presupuesto|plan} que consideran {injusto|demasiado lento|improvisado}.",
        "En la {capital|ciudad|provincia}, el {tráfico|comercio|transporte} quedó "
        "{afectado|paralizado|interrumpido} por las {lluvias|huelgas|protestas} del día anterior.",
    ),
    "de": (
        "Der {Minister|Sprecher|Bürgermeister} {kündigte|bestätigte|erklärte} am {Montag|"
        "Mittwoch|Freitag} an, dass die {Arbeiten|Verhandlungen|Gespräche} {bald|in der "
        "kommenden Woche|noch in diesem Monat} weitergehen sollen.",
        "Nach Angaben der {Behörden|Polizei|Stadtverwaltung} warten {viele|einige|zahlreiche} "
        "{Anwohner|Landwirte|Händler} noch immer auf eine {Antwort|Entschädigung|Entscheidung} "
        "der Regierung.",
        "Die {Gewerkschaften|Oppositionsparteien|Verbände} {kritisieren|bemängeln|beklagen} "
        "einen {Plan|Haushalt|Zeitplan}, den sie für {ungerecht|zu langsam|schlecht "
        "vorbereitet} halten.",
        "In der {Hauptstadt|Region|Provinz} wurde der {Verkehr|Alltag|Handel} durch die "
        "{Regenfälle|Streiks|Proteste} des Vortages {stark|erheblich|deutlich} behindert.",
    ),
    "it": (
        "Il {ministro|portavoce|sindaco} ha {annunciato|confermato|spiegato} {lunedì|mercoledì|"
        "venerdì} che i {lavori|negoziati|colloqui} {riprenderanno|continueranno|andranno "
        "avanti} {presto|la prossima settimana|entro la fine del mese}.",
        "Secondo le {autorità|fonti ufficiali|associazioni} {locali|regionali}, {molti|diversi|"
        "centinaia di} {residenti|agricoltori|commercianti} aspettano ancora una {risposta|"
        "decisione} del governo.",
        "I {sindacati|partiti|gruppi} di opposizione {criticano|denunciano|contestano} un "
        "{progetto|bilancio|piano} che giudicano {ingiusto|troppo lento|improvvisato}.",
        "Nella {capitale|città|provincia} il {traffico|commercio|trasporto} è stato "
        "{rallentato|bloccato|interrotto} dalle {piogge|proteste|manifestazioni} del giorno "
        "prima.",
    ),
    "pt": (
        "O {ministro|porta-voz|prefeito} {anunciou|confirmou|explicou} na {segunda-feira|"
        "quarta-feira|sexta-feira} que as {obras|negociações|conversas} {serão retomadas|vão "
        "continuar|devem avançar} {em breve|na próxima semana|até o fim do mês}.",
        "Segundo as {autoridades|fontes oficiais|organizações} {locais|regionais}, {muitos|"
        "vários|centenas de} {moradores|agricultores|comerciantes} ainda esperam uma "
        "{resposta|ajuda|decisão} do governo.",
        "Os {sindicatos|partidos|grupos} da oposição {criticam|denunciam|lamentam} um "
        "{projeto|orçamento|plano} que consideram {injusto|lento demais|improvisado}.",
        "Na {capital|cidade|província}, o {trânsito|comércio|transporte} ficou {afetado|"
        "parado|interrompido} por causa das {chuvas|greves|manifestações} do dia anterior.",
    ),
}
_TITLES = {
    "fr": "Nouvelles de la région", "es": "Noticias de la región", "de": "Nachrichten aus der "
    "Region", "it": "Notizie dalla regione", "pt": "Notícias da região",
}


def _fill(rng: random.Random, template: str) -> str:
    out: list[str] = []
    rest = template
    while "{" in rest:
        before, _, tail = rest.partition("{")
        options, _, rest = tail.partition("}")
        out += [before, rng.choice(options.split("|"))]
    out.append(rest)
    return "".join(out)


def foreign_article(rng: random.Random, lang: str, number: int) -> str:
    templates = _FOREIGN[lang]
    paragraphs = [
        " ".join(_fill(rng, rng.choice(templates)) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(4, 8))
    ]
    published = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return (
        f"Title: {_TITLES[lang]} {number}\nPublished: {published}\n\n" + "\n\n".join(paragraphs)
        + "\n"
    )


def bad_file(rng: random.Random, number: int) -> bytes:
    """Empty, binary signature, NUL bytes or control characters, in turn."""
    kind = number % 4
    if kind == 0:
        return b""
    if kind == 1:
        return b"%PDF-1.7\n" + rng.randbytes(2000)
    if kind == 2:
        return b"Title: broken\n\nSome text " + b"\x00" * 20 + b" more text\n"
    return bytes(rng.choice(b"\x01\x02\x03\x04\x05\x06\x0e\x0f") for _ in range(3000))


def english_article(number: int, marker: str) -> str:
    """A new English story for the latency probe; `marker` makes its body unique."""
    return (
        f"Title: Harbour authority opens new ferry terminal {number}\nPublished: 2026-12-07\n\n"
        f"MOMBASA, Dec 7 (Wirewatch) - Kenya's ports authority opened a new ferry terminal on "
        f"Monday, its director said, promising shorter queues for commuters ({marker}).\n\n"
        "The terminal cost about 40 million dollars and was built in two years, the director "
        "told reporters at the opening, adding that two more ferries would arrive next year.\n"
    )


def write_corpus(folder: Path, n: int, seed: int) -> dict[str, Any]:
    """Write the mixed corpus (n files) into `folder` and its manifest; return the manifest."""
    import generate as neardup

    started = time.perf_counter()
    n_bad = max(1, round(n * BAD_SHARE))
    n_foreign = max(1, round(n * FOREIGN_SHARE))
    n_news = n - n_bad - n_foreign
    if n_news < 1:
        raise SystemExit(f"N={n} is too small for the mix (at least 3)")
    folder.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(2, os.cpu_count() or 1))
    news = neardup.generate(folder / "news", n_news, seed, neardup.Mix(), None, jobs)
    rng = random.Random(f"e2e:{seed}")
    langs = sorted(_FOREIGN)
    for number in range(n_foreign):
        path = folder / "foreign" / f"part-{number // 500:04d}" / f"{number:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(foreign_article(rng, langs[number % len(langs)], number), encoding="utf-8")
    for number in range(n_bad):
        path = folder / "bad" / f"{number:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bad_file(rng, number))
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "n_news": int(news["documents"]),  # type: ignore[call-overload]
        "n_foreign": n_foreign,
        "n_bad": n_bad,
        "news_kinds": news["documents_per_kind"],
        "seconds": round(time.perf_counter() - started, 1),
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _corpus(args: argparse.Namespace, work: Path) -> tuple[Path, dict[str, Any], bool]:
    folder = args.keep.expanduser().absolute() if args.keep else work / "corpus"
    manifest_path = folder / MANIFEST_NAME
    # A latency probe left by an interrupted run is not part of the corpus.
    shutil.rmtree(folder / "latency", ignore_errors=True)
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (manifest["n"], manifest["seed"], manifest["generator_version"]) == (
            args.n, args.seed, GENERATOR_VERSION
        ):
            return folder, manifest, True
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"--keep {folder} is not empty and holds no e2e corpus of this N/seed")
    return folder, write_corpus(folder, args.n, args.seed), False


# --- processes ----------------------------------------------------------------------------------
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: split after its last ')'.
    return text[text.rindex(")") + 2 :].split()


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    out = {}
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            out[pid] = (int(fields[11]) + int(fields[12])) / _TICKS
    return out


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace"
        )
    except OSError:
        return ""


def process_label(pid: int, own_pid: int, parents: dict[int, int]) -> str:
    """What a process of the run is, from its command line and its parent's."""
    if pid == own_pid:
        return "flow process"
    command = _command(pid)
    if "forkserver" in command:
        # Workers are forked by the fork server, so they carry its command line.
        parent = parents.get(pid)
        return "stage worker" if parent and "forkserver" in _command(parent) else "fork server"
    if "resource_tracker" in command:
        return "resource tracker"
    if "prefect" in command or "uvicorn" in command:
        return "Prefect server"
    if "multiprocessing" in command:
        return "stage worker"
    return command[:60] or "process"


# --- one run (in a child process) ---------------------------------------------------------------
_RUN_SQL = """
select *, date_diff('microsecond', started_at, ended_at) / 1e6 as seconds_run
from runs order by started_at limit 1
"""


def child_main(folder: str, db: str, out: str) -> None:
    """One benchmark run: the flow over the folder, then the latency probe; figures to `out`."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    sys.path.insert(0, str(REPO))
    import duckdb
    from prefect.client.orchestration import get_client

    from flows.ingest_folder import ingest_folder
    from wirewatch.orchestration.local_server import prefect_api

    own = os.getpid()
    with prefect_api():
        with get_client(sync_client=True) as client:
            failure = client.api_healthcheck()
        if failure is not None:
            raise SystemExit(f"Prefect API is not healthy: {failure}")
        cpu_before = cpu_seconds(descendants(own))
        started = time.perf_counter()
        summary = ingest_folder(path=folder, db=db, settle_seconds=0)
        flow_s = time.perf_counter() - started
        cpu_after = cpu_seconds(descendants(own))

        probe = Path(folder) / "latency" / f"new-{time.time_ns()}.txt"
        probe.parent.mkdir(parents=True, exist_ok=True)
        probe.write_text(english_article(1, probe.stem), encoding="utf-8")
        started = time.perf_counter()
        ingest_folder(path=folder, db=db, settle_seconds=0)
        latency_s = time.perf_counter() - started

        pids = descendants(own)
        parents = {}
        for pid in pids:
            fields = _stat_fields(pid)
            if fields is not None:
                parents[pid] = int(fields[1])
        processes = [
            {
                "pid": pid,
                "label": process_label(pid, own, parents),
                "peak_rss_mb": peak_rss_mb(pid),
                "cpu_s_run": cpu_after.get(pid, 0.0) - cpu_before.get(pid, 0.0),
            }
            for pid in pids
        ]
    with duckdb.connect(db, read_only=True) as con:
        cursor = con.execute(_RUN_SQL)
        names = [d[0] for d in cursor.description or []]
        run = dict(zip(names, cursor.fetchone() or (), strict=False))
        found = con.execute(
            "select count(*) from documents where source_path like ?", [f"%{probe.name}"]
        ).fetchone()
        counts = con.execute(
            "select count(*), count(distinct lang) from documents"
        ).fetchone()
        n_quarantined_files = con.execute(
            "select count(*) from files where status = 'quarantined'"
        ).fetchone()
    cpu_s = sum(cpu_after.get(pid, 0.0) - cpu_before.get(pid, 0.0) for pid in cpu_after)
    result = {
        "summary": {k: v for k, v in summary.items() if k.startswith("n_")},
        "run": {k: (v if isinstance(v, int | float | str) or v is None else str(v))
                for k, v in run.items()},
        "flow_s": flow_s,
        "cpu_s": cpu_s,
        "latency_s": latency_s,
        "probe_queryable": bool(found and found[0] == 1),
        "n_documents": int(counts[0]) if counts else 0,
        "n_languages": int(counts[1]) if counts else 0,
        "n_quarantined_files": int(n_quarantined_files[0]) if n_quarantined_files else 0,
        "processes": processes,
    }
    Path(out).write_text(json.dumps(result), encoding="utf-8")
    probe.unlink()
    probe.parent.rmdir()


def run_once(folder: Path, work: Path, workers: int | None) -> dict[str, Any]:
    """Run the flow over `folder` into a fresh database in a child process."""
    tag = f"w{workers}" if workers else "wdefault"
    db, out = work / f"e2e-{tag}.duckdb", work / f"e2e-{tag}.json"
    env = dict(os.environ)
    if workers:
        env["WIREWATCH__PIPELINE__WORKERS"] = str(workers)
    if "PREFECT_HOME" not in env:
        env["PREFECT_HOME"] = str(work / f"prefect-{tag}")
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(db), str(out)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        sys.stderr.write(child.stdout[-4000:] + child.stderr[-4000:])
        raise SystemExit(f"the benchmark run with workers={workers} failed ({child.returncode})")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["child_wall_s"] = time.perf_counter() - started
    result["workers_setting"] = workers
    return result


# --- report -------------------------------------------------------------------------------------
_STAGES = {
    "seconds_scan": "scan (walk + ledger)",
    "seconds_read": "read",
    "seconds_normalise": "normalise (without language)",
    "seconds_lang": "language detection",
    "seconds_store": "store (DuckDB write)",
    "seconds_dedup": "dedup (signatures, clusters)",
    "seconds_coding": "event coding (+ its write)",
}


def figures(result: dict[str, Any]) -> dict[str, Any]:
    run = result["run"]
    n_new = int(run.get("n_documents_new") or 0)
    seconds_run = float(run.get("seconds_run") or 0.0)
    stages = {}
    for column, label in _STAGES.items():
        seconds = float(run.get(column) or 0.0)
        if column == "seconds_normalise":
            seconds -= float(run.get("seconds_lang") or 0.0)
        stages[label] = {
            "seconds": round(seconds, 2),
            "docs_per_s": round(n_new / seconds, 1) if seconds > 0 else None,
        }
    n_workers = sum(1 for p in result["processes"] if p["label"] == "stage worker")
    return {
        "n_documents_new": n_new,
        "seconds_run": round(seconds_run, 2),
        "docs_per_s": round(n_new / seconds_run, 1) if seconds_run > 0 else 0.0,
        "docs_per_s_flow_call": round(n_new / result["flow_s"], 1) if result["flow_s"] else 0.0,
        "cores_used": round(result["cpu_s"] / result["flow_s"], 2) if result["flow_s"] else 0.0,
        "peak_rss_mb_total": round(sum(p["peak_rss_mb"] for p in result["processes"]), 1),
        "new_file_latency_s": round(result["latency_s"], 2),
        "worker_processes": n_workers,
        "stages": stages,
    }


def _line(label: str, value: str) -> None:
    print(f"  {label:<46} {value}")


def report(title: str, result: dict[str, Any], fig: dict[str, Any]) -> None:
    print(title)
    _line("run status", str(result["run"].get("status")))
    _line("new documents / duplicates / quarantined",
          f"{fig['n_documents_new']:,} / {result['summary'].get('n_documents_duplicate', 0):,}"
          f" / {result['summary'].get('n_quarantined', 0):,}")
    _line("reprints / stories coded / event mentions",
          f"{result['summary'].get('n_reprints', 0):,} / "
          f"{result['summary'].get('n_documents_coded', 0):,} / "
          f"{result['summary'].get('n_event_mentions', 0):,}")
    _line("languages stored", str(result["n_languages"]))
    _line("run (runs row) / flow call / child process",
          f"{fig['seconds_run']:.1f} s / {result['flow_s']:.1f} s / {result['child_wall_s']:.1f} s")
    _line("docs/s over the run / over the flow call",
          f"{fig['docs_per_s']:,.1f} / {fig['docs_per_s_flow_call']:,.1f}")
    _line("cores used (CPU of all processes / wall)", f"{fig['cores_used']:.2f}")
    print("  stages (documents / seconds in the stage; worker stages add up side by side)")
    for label, stage in fig["stages"].items():
        rate = f"{stage['docs_per_s']:,.1f} docs/s" if stage["docs_per_s"] else "-"
        _line(f"  {label}", f"{stage['seconds']:8.2f} s  {rate}")
    print("  peak RSS per process (and its CPU seconds during the first run)")
    for process in result["processes"]:
        _line(
            f"  {process['label']} (pid {process['pid']})",
            f"{process['peak_rss_mb']:,.0f} MB  ({process.get('cpu_s_run', 0.0):,.1f} s CPU)",
        )
    _line("peak RSS, all processes together", f"{fig['peak_rss_mb_total']:,.0f} MB")
    found = "found" if result["probe_queryable"] else "MISSING"
    _line("new file in the ingested folder -> queryable",
          f"{fig['new_file_latency_s']:.2f} s ({found})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("n", type=int, help="number of article files")
    parser.add_argument("--workers", type=int, default=None,
                        help="[pipeline] workers for the run (default: the setting's default)")
    parser.add_argument("--compare-workers", type=int, default=None, metavar="W2",
                        help="ingest the same corpus again with W2 workers and print the ratio")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="write the corpus here and keep it; reused for the same N and seed")
    args = parser.parse_args(argv)
    if args.n < 3:
        parser.error("N must be >= 3")
    work = Path(tempfile.mkdtemp(prefix="wirewatch-e2e-"))
    try:
        folder, manifest, reused = _corpus(args, work)
        generated = "reused" if reused else f"generated in {manifest['seconds']} s"
        print(f"wirewatch end-to-end benchmark: N={args.n} seed={args.seed} "
              f"({manifest['n_news']:,} news with reprints and rewrites, "
              f"{manifest['n_foreign']:,} in 5 other languages, {manifest['n_bad']:,} bad files; "
              f"{generated})")
        print(f"  cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
        result = run_once(folder, work, args.workers)
        fig = figures(result)
        report(f"run: workers={args.workers or 'default'}", result, fig)
        ok = (
            result["run"].get("status") == "completed"
            and result["probe_queryable"]
            and result["n_quarantined_files"] == manifest["n_bad"]
        )
        line: dict[str, Any] = {
            "n": args.n,
            "workers": fig["worker_processes"] or 1,
            "docs_per_s": fig["docs_per_s"],
            "peak_rss_mb_total": fig["peak_rss_mb_total"],
            "cores_used": fig["cores_used"],
            "new_file_latency_s": fig["new_file_latency_s"],
            "n_documents_new": fig["n_documents_new"],
            "seconds_run": fig["seconds_run"],
            "stage_docs_per_s": {k: v["docs_per_s"] for k, v in fig["stages"].items()},
            "peak_rss_mb": {f"{p['label']} {p['pid']}": round(p["peak_rss_mb"], 1)
                            for p in result["processes"]},
            "ok": ok,
        }
        if args.compare_workers is not None:
            other = run_once(folder, work, args.compare_workers)
            other_fig = figures(other)
            report(f"comparison run: workers={args.compare_workers}", other, other_fig)
            ratio = fig["docs_per_s"] / other_fig["docs_per_s"] if other_fig["docs_per_s"] else 0
            same_counts = other["summary"] == result["summary"]
            print(f"  docs/s ratio workers={args.workers or 'default'} : "
                  f"workers={args.compare_workers} = {ratio:.2f} "
                  f"(same counts in both runs: {same_counts})")
            line["compare"] = {
                "workers": args.compare_workers,
                "docs_per_s": other_fig["docs_per_s"],
                "peak_rss_mb_total": other_fig["peak_rss_mb_total"],
                "cores_used": other_fig["cores_used"],
                "new_file_latency_s": other_fig["new_file_latency_s"],
                "ratio": round(ratio, 2),
            }
            line["ok"] = ok and same_counts
        print("targets (1M articles: >= 280 docs/s, all processes < 1.5 GB)")
        fast = fig["docs_per_s"] >= TARGET_DOCS_PER_S
        _line(f"docs/s >= {TARGET_DOCS_PER_S:.0f}",
              f"{fig['docs_per_s']:,.1f} {'PASS' if fast else 'FAIL'}")
        _line(f"peak RSS total < {TARGET_PEAK_RSS_MB:.0f} MB",
              f"{fig['peak_rss_mb_total']:,.0f} MB "
              f"{'PASS' if fig['peak_rss_mb_total'] < TARGET_PEAK_RSS_MB else 'FAIL'}")
        print(json.dumps(line, sort_keys=True))
        return 0 if line["ok"] else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child_main(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
