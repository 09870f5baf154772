"""`vnextract` command line (typer): run the pipeline over a corpus."""
from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese information extraction: news and reports in, Parquet tables out.")
err_console = Console(stderr=True)


@app.callback()
def main() -> None:
    """vnextract: people, ranks, titles, organizations, places, dates, abbreviations and events."""


@app.command()
def run(
    inputs: list[Path] = typer.Argument(None, help="Files or folders (walked) of .txt .md .html .htm .jsonl "
                                        ".jsonl.gz .json .csv .parquet. Default: data/raw"),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help="Output folder for the Parquet tables."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", "-w", min=1,
                                help="Worker processes (default: all cores)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch sent to a worker."),
    stages: str = typer.Option("all", "--stages", help="Extraction components to run, comma-separated "
                               "(vi_dates, vi_abbreviations, vi_places, vi_organizations, vi_people, vi_events), "
                               "'all', or 'none' to stop after tokenization."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; summary only."),
) -> None:
    """Process INPUT files and folders into tables under --out (documents, sentences, tokens, mentions,
    entities, appearances, dates, abbreviations, events, event_participants, errors, …)."""
    from .nlp import select_stages
    from .runner import run as run_pipeline

    inputs = inputs or [Path("data/raw")]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        err_console.print(f"[red]error:[/red] input not found: {', '.join(missing)}")
        raise typer.Exit(code=2)
    stage_names = None if stages == "all" else () if stages == "none" else tuple(
        s.strip() for s in stages.split(",") if s.strip())
    try:
        select_stages(stage_names)
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=2)
    progress = Progress(TextColumn("[bold]vnextract[/bold]"), BarColumn(pulse_style="cyan"),
                        TextColumn("{task.fields[docs]} docs · {task.fields[rate]} syll/s · {task.fields[errors]} errors"),
                        TimeElapsedColumn(), console=err_console, disable=quiet, transient=True)
    with progress:
        task = progress.add_task("run", total=None, docs=0, rate=0, errors=0)

        def on_progress(s):
            progress.update(task, docs=s.documents, rate=f"{s.syllables_per_second:,.0f}", errors=s.errors)

        summary = run_pipeline(inputs, out, workers=workers, batch_size=batch_size, stages=stage_names,
                               on_progress=on_progress)
    typer.echo(
        f"{summary.documents:,} documents · {summary.sentences:,} sentences · {summary.tokens:,} tokens · "
        f"{summary.errors:,} errors · {summary.seconds:,.1f} s · {summary.syllables_per_second:,.0f} syllables/s"
        f"  →  {out}")


if __name__ == "__main__":
    app()
