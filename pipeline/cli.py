"""`vnextract` command line (typer): run the pipeline over a corpus."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Vietnamese information extraction: news and reports in, Parquet tables out.")
err_console = Console(stderr=True)


def _error(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, however long (paths, SQL), then exit with CODE."""
    from rich.text import Text

    err_console.print(Text.assemble(("error:", "red"), " ", message), soft_wrap=True)  # no markup: SQL has [ ]
    raise typer.Exit(code=code)


@app.callback()
def main() -> None:
    """vnextract: people, ranks, titles, organizations, places, dates, abbreviations and events."""


@app.command()
def run(
    inputs: list[str] = typer.Argument(None, help="Files or folders (walked) of .txt .md .html .htm .jsonl "
                                       ".jsonl.gz .json .csv .parquet .conll .iob, local or fsspec URLs (s3://…). "
                                       "Default: data/raw"),
    out: str = typer.Option("data/processed", "--out", "-o",
                            help="Output folder for the Parquet tables, local or an fsspec URL."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", "-w", min=1,
                                help="Worker processes (default: all cores)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1,
                                   help="Documents per batch sent to a worker (the last batches a quarter of that)."),
    commit_every: int = typer.Option(1000, "--commit-every", min=1,
                                     help="Documents per atomic commit (a killed run loses at most this much work)."),
    full: bool = typer.Option(False, "--full", help="Reprocess everything, not only new or changed documents."),
    prune: bool = typer.Option(False, "--prune", help="Remove documents that are no longer in the input."),
    max_doc_chars: int = typer.Option(1_000_000, "--max-doc-chars", min=1,
                                      help="Longer documents are reported in `errors`, not processed."),
    doc_timeout: float = typer.Option(120, "--doc-timeout", min=0,
                                      help="Seconds one document may take before it is reported in `errors` (0: no limit)."),
    engine: str = typer.Option("local", "--engine", help="'local' (worker processes) or 'dask' (dask.distributed)."),
    scheduler: str = typer.Option(None, "--scheduler", help="With --engine dask: the scheduler address "
                                  "(default: start a LocalCluster with --workers workers)."),
    stages: str = typer.Option("all", "--stages", help="Extraction components to run, comma-separated "
                               "(vi_dates, vi_abbreviations, vi_places, vi_organizations, vi_people, vi_events), "
                               "'all', or 'none' to stop after tokenization."),
    pretokenized: bool = typer.Option(None, "--pretokenized/--running-text",
                                      help="Read every text as word-segmented (\"Trung_tướng\") or tokenized "
                                      "(\"26 / 12 ,\") and write it back as running text; --running-text never "
                                      "does. Default: detect it per document."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                         help="Read symbolic links that lead outside the INPUT folders "
                                         "(by default they are reported in `errors` and not read)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; summary only."),
    resources: Path = typer.Option(None, "--resources", help="A folder of lexicon files that replace the "
                                   "packaged ones of the same name (see pipeline/resources/)."),
    debug: bool = typer.Option(False, "--debug", help="On a fault (disk full, permission, lost scheduler, "
                               "Ctrl-C…), show the traceback as well as the one-line message."),
) -> None:
    """Process INPUT files and folders into tables under --out (documents, sentences, tokens, mentions,
    entities, appearances, dates, abbreviations, events, event_participants, errors, …).

    A fault of the machine stops the run with one line on stderr (what failed, how many documents
    stay committed, the command that goes on) and its own exit code: 3 --out is not a folder,
    4 no space left, 5 permission denied, 6 an input vanished, 7 the dask scheduler is unreachable
    or lost, 8 another run holds --out, 130 Ctrl-C, 143 SIGTERM.
    """
    from pipeline.core.resource_files import USER_RESOURCES_VARIABLE
    from pipeline.extract.stage import select_stages
    from pipeline.inputs.remote import LocationError, exists, is_url
    from pipeline.run.faults import RunStopped
    from pipeline.run.runner import run as run_pipeline

    inputs = [p if is_url(p) else Path(p) for p in (inputs or ["data/raw"])]
    try:
        missing = [str(p) for p in inputs if not exists(p)]
        if is_url(out):
            exists(out)  # the protocol is known and its backend installed
    except LocationError as exc:
        _error(str(exc))
    if missing:
        _error(f"input not found: {', '.join(missing)}")
    if resources is not None:
        if not resources.is_dir():
            _error(f"--resources {resources}: not a folder")
        os.environ[USER_RESOURCES_VARIABLE] = str(resources.resolve())  # workers inherit it
    stage_names = None if stages == "all" else () if stages == "none" else tuple(
        s.strip() for s in stages.split(",") if s.strip())
    if engine not in ("local", "dask"):
        _error(f"--engine must be 'local' or 'dask', not {engine!r}")
    if engine == "dask" and importlib.util.find_spec("distributed") is None:
        _error("--engine dask needs dask.distributed: pip install 'vnextract[dask]'")
    try:
        select_stages(stage_names)
    except ValueError as exc:
        _error(str(exc))
    progress = Progress(TextColumn("[bold]vnextract[/bold]"), BarColumn(pulse_style="cyan"),
                        TextColumn("{task.fields[docs]} docs · {task.fields[rate]} syll/s · {task.fields[errors]} errors"),
                        TimeElapsedColumn(), console=err_console, disable=quiet, transient=True)
    try:
        with progress:
            task = progress.add_task("run", total=None, docs=0, rate=0, errors=0)

            def on_progress(s):
                progress.update(task, docs=s.documents, rate=f"{s.syllables_per_second:,.0f}", errors=s.errors)

            summary = run_pipeline(inputs, out, workers=workers, batch_size=batch_size,
                                   commit_every=commit_every, stages=stage_names, full=full, prune=prune,
                                   max_doc_chars=max_doc_chars, doc_timeout=doc_timeout, engine=engine,
                                   scheduler=scheduler, pretokenized=pretokenized,
                                   follow_symlinks=follow_symlinks, on_progress=on_progress)
    except RunStopped as stopped:
        _report_fault(stopped, out, debug)
    typer.echo(
        f"{summary.documents:,} documents · {summary.skipped:,} unchanged · {summary.sentences:,} sentences · "
        f"{summary.tokens:,} tokens · {summary.errors:,} errors · {summary.seconds:,.1f} s · "
        f"{summary.syllables_per_second:,.0f} syllables/s  →  {out}")
    typer.echo(f"{summary.input_records:,} input records: {summary.documents + summary.skipped:,} in documents, "
               f"{summary.errors:,} in errors ({summary.committed_documents:,} documents in the output)"
               + (f"; {summary.warnings:,} processed with warnings (see errors)" if summary.warnings else ""))


def _report_fault(stopped, out: str, debug: bool) -> None:
    """One line for a fault of the machine: what failed, what is committed, how to go on."""
    import shlex
    import sys
    import traceback

    from rich.text import Text

    from pipeline.run.faults import EXIT_OUT_NOT_A_FOLDER, describe

    fault = describe(stopped.cause, out)
    if fault is None:  # not a fault of the machine but a bug: its traceback is the report
        raise stopped.cause
    if debug:
        traceback.print_exception(stopped.cause, file=sys.stderr)
    again = "vnextract " + shlex.join(a for a in sys.argv[1:] if a != "--full")  # --full would redo the kept work
    how = f"{fault.remedy}, then go on with: {again}" if fault.remedy else f"go on with: {again}"
    line = (f"{fault.what}. {stopped.committed_documents:,} documents are committed and readable in {out}. "
            f"{how[0].upper()}{how[1:]}")
    if fault.exit_code == EXIT_OUT_NOT_A_FOLDER:  # nothing was written
        line = f"{fault.what}. {fault.remedy[0].upper()}{fault.remedy[1:]}"
    err_console.print(Text.assemble(("error:", "red"), " ", line), soft_wrap=True)
    raise typer.Exit(code=fault.exit_code)


# ---------------------------------------------------------------------------------------------
# Exploring the output (logic in explore.py, show.py and schema_doc.py)

# A str, not a Path: a Path would fold the URL s3://out/run1 into s3:/out/run1.
OUT_OPTION = typer.Option("data/processed", "--out", "-o",
                          help="Output folder of a run (the tables), local or an fsspec URL (s3://…).")


def _open_output(out: str):
    from pipeline.query.explore import ExploreError, open_output

    try:
        return open_output(out)
    except ExploreError as exc:
        _fail(exc)


def _fail(exc) -> NoReturn:
    _error(str(exc), getattr(exc, "exit_code", 1))


def _print_all(renderables: list) -> None:
    console = Console()
    for item in renderables:
        console.print(item)


@app.command()
def query(
    sql: str = typer.Argument(..., help='SQL over the tables, each a view of the same name, e.g. '
                              '"SELECT name, rank, count(*) n FROM appearances GROUP BY ALL ORDER BY n DESC".'),
    out: str = OUT_OPTION,
    format: str = typer.Option("table", "--format", "-f", help="table (terminal), csv, json or parquet."),
    to: Path = typer.Option(None, "--to", help="File to write (required with --format parquet; "
                            "csv/json go to stdout without it)."),
    max_rows: int = typer.Option(100, "--max-rows", min=1, help="Rows shown with --format table."),
) -> None:
    """Run SQL (DuckDB) over a run's tables; see docs/schema.md for every table and column."""
    from pipeline.query.explore import FORMATS, ExploreError, run_query, to_csv, to_json, write_parquet
    from pipeline.query.terminal import result_table

    if format not in FORMATS:
        _fail(ExploreError(f"unknown --format {format!r}; use one of {', '.join(FORMATS)}", exit_code=2))
    if format == "parquet" and to is None:
        _fail(ExploreError("--format parquet needs --to FILE", exit_code=2))
    con = _open_output(out)
    try:
        result = run_query(con, sql)
    except ExploreError as exc:
        _fail(exc)
    if format == "parquet":
        write_parquet(result, to)
        err_console.print(f"{result.num_rows:,} row(s) → {to}")
    elif format in ("csv", "json"):
        text = to_csv(result) if format == "csv" else to_json(result) + "\n"
        if to is None:
            typer.echo(text, nl=False)
        else:
            Path(to).write_text(text, encoding="utf-8")
            err_console.print(f"{result.num_rows:,} row(s) → {to}")
    else:
        _print_all(result_table(result, max_rows=max_rows))


@app.command()
def person(
    name: str = typer.Argument(..., help='Name, accents optional: "nguyen manh hung" finds Nguyễn Mạnh Hùng.'),
    out: str = OUT_OPTION,
) -> None:
    """A person's posts as a timeline, and appearances over time (rank, titles, events and roles), newest first."""
    from pipeline.query.explore import ExploreError, find_person
    from pipeline.query.posts import person_posts
    from pipeline.query.terminal import person_renderables

    con = _open_output(out)
    try:
        report = find_person(con, name)
    except ExploreError as exc:
        _fail(exc)
    _print_all(person_renderables(report, person_posts(con, report.entity_ids)))


@app.command()
def unit(
    name: str = typer.Argument(..., help='Organization, accents optional: "quan khu 7" finds Quân khu 7.'),
    out: str = OUT_OPTION,
) -> None:
    """Who held which post in an organization, over time (from the affiliations table)."""
    from pipeline.query.explore import ExploreError
    from pipeline.query.posts import find_unit
    from pipeline.query.terminal import unit_renderables

    con = _open_output(out)
    try:
        report = find_unit(con, name)
    except ExploreError as exc:
        _fail(exc)
    _print_all(unit_renderables(report))


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="documents.doc_id of the document to show."),
    out: str = OUT_OPTION,
    html: Path = typer.Option(None, "--html", help="Write a highlighted HTML page to this file "
                              "instead of printing to the terminal."),
) -> None:
    """A document with its people, organizations, places, dates, abbreviations and events highlighted."""
    from pipeline.query.explore import ExploreError
    from pipeline.query.show import load_document, render_html, terminal_renderables

    con = _open_output(out)
    try:
        view = load_document(con, doc_id)
    except ExploreError as exc:
        _fail(exc)
    if html is None:
        _print_all(terminal_renderables(view))
    else:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html(view), encoding="utf-8")
        typer.echo(f"{len(view.spans)} highlighted span(s) → {html}")


@app.command()
def stats(
    out: str = OUT_OPTION,
    top: int = typer.Option(10, "--top", min=1, help="How many of the most frequent items to list."),
) -> None:
    """Rows per table; top people, organizations, places and abbreviations; errors by stage."""
    from pipeline.query.explore import corpus_stats
    from pipeline.query.terminal import stats_renderables

    _print_all(stats_renderables(corpus_stats(_open_output(out), top_n=top)))


@app.command()
def schema(
    out: str = typer.Option(None, "--out", "-o", help="Output folder of a run (local or an fsspec URL): "
                            "list the tables it holds, with their row counts, instead."),
    write: bool = typer.Option(False, "--write", help="Rewrite docs/schema.md instead of printing."),
) -> None:
    """Every table and column with its type and meaning (the text of docs/schema.md); with --out, the
    tables of that output and their row counts."""
    from pipeline.query.explore import ExploreError
    from pipeline.query.schema_doc import describe_output, render_schema_markdown, write_schema_doc
    from pipeline.query.terminal import output_tables_renderables

    if out is not None and write:
        _fail(ExploreError("--out and --write do not go together: --write rewrites docs/schema.md", exit_code=2))
    if out is not None:
        _print_all(output_tables_renderables(describe_output(_open_output(out)), out))
    elif write:
        typer.echo(f"wrote {write_schema_doc()}")
    else:
        typer.echo(render_schema_markdown(), nl=False)


# ---------------------------------------------------------------------------------------------
# Research formats (logic in export.py and evaluate.py)


@app.command()
def export(
    out: str = OUT_OPTION,
    format: str = typer.Option("conll", "--format", "-f", help="conll (IOB, one token per line), docbin "
                               "(spaCy .spacy for `spacy train`) or jsonl (character offsets)."),
    to: Path = typer.Option(None, "--to", help="File to write (required for docbin; conll and jsonl go "
                            "to stdout without it)."),
    layers: int = typer.Option(2, "--layers", min=1, help="conll: tag columns (1: PER/ORG/LOC/DATE; "
                               "2: also RANK, TITLE and nested spans)."),
    comments: bool = typer.Option(True, "--comments/--no-comments", help="conll: '# doc_id = …' and "
                                  "'# text = …' lines (read back exactly); without: -DOCSTART- lines."),
) -> None:
    """Write a run's extraction for research tools: PER, ORG, LOC, DATE, RANK and TITLE spans."""
    from pipeline.query.explore import ExploreError
    from pipeline.query.export import FORMATS, ExportSummary, conll_lines, iter_documents, jsonl_lines, write_docbin

    if format not in FORMATS:
        _fail(ExploreError(f"unknown --format {format!r}; use one of {', '.join(FORMATS)}", exit_code=2))
    if format == "docbin" and to is None:
        _fail(ExploreError("--format docbin needs --to FILE.spacy", exit_code=2))
    documents = iter_documents(_open_output(out))
    summary = ExportSummary()
    if format == "docbin":
        write_docbin(documents, to, summary)
    else:
        lines = conll_lines(documents, summary, layers, comments) if format == "conll" else jsonl_lines(documents, summary)
        if to is None:
            for line in lines:
                typer.echo(line)
        else:
            to.parent.mkdir(parents=True, exist_ok=True)
            with open(to, "w", encoding="utf-8") as f:
                f.writelines(line + "\n" for line in lines)
    err_console.print(f"{summary.documents:,} document(s), {summary.spans:,} span(s)"
                      + (f", {summary.unplaced:,} the format could not hold" if summary.unplaced else "")
                      + (f" → {to}" if to else ""))


@app.command()
def evaluate(
    input: Path = typer.Argument(..., help="CoNLL/IOB file (.conll, .iob, .txt): one token per line, gold tags."),
    map: list[str] = typer.Option(None, "--map", help="THEIRS=OURS label pair (repeatable), e.g. --map MISC=ORG; "
                                  "THEIRS= stops scoring THEIRS. Defaults: PhoNER NAME/ORGANIZATION/LOCATION/DATE "
                                  "and VLSP PER/ORG/LOC to PER/ORG/LOC/DATE."),
    details: int = typer.Option(0, "--details", min=0, help="List up to this many missed and spurious spans."),
    nested: bool = typer.Option(None, "--nested/--flat", help="Score every predicted span (--nested) or only "
                                "those one tag column holds (--flat). Default: flat against a file with one "
                                "tag column, nested against one with more."),
) -> None:
    """Run the pipeline on a CoNLL file's text: precision, recall and F1 per label against its tags."""
    from pipeline.query.evaluate import evaluate_file, parse_mapping, report_lines

    if not input.is_file():
        _error(f"input not found: {input}")
    try:
        mapping = parse_mapping(map or [])
        evaluation = evaluate_file(input, mapping, nested=nested)
    except (ValueError, UnicodeDecodeError) as exc:
        _error(str(exc))
    for line in report_lines(evaluation, details):
        typer.echo(line)


if __name__ == "__main__":
    app()
