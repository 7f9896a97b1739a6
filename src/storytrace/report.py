"""Readable terminal summaries (rich) of ingest runs, stored articles and searches."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

MAX_ARTICLE_ROWS = 40
MAX_SKIPPED_ROWS = 20


def print_ingest(console: Console, report) -> None:
    seconds = report.seconds or 1e-9
    console.print(
        f"read {report.read} articles, stored {report.inserted} new, "
        f"{report.already_stored} already stored, {report.repeated_in_input} repeated in the input, "
        f"skipped {len(report.skipped)} inputs; {report.seconds:.1f} s "
        f"({report.inserted / seconds:.1f} articles/s)"
    )
    for note in report.notes:
        console.print(f"[yellow]note:[/] {note}")
    if report.skipped:
        console.print(_skipped_table(report.skipped))


def print_analysis(console: Console, store, report) -> None:
    print_ingest(console, report)
    console.print(_articles_table(store))
    summary = store.summary()
    console.print(_counter_table("Removed boilerplate, by reason", summary.get("removals", {})))
    if summary.get("skipped"):
        console.print(_counter_table("Skipped inputs, by reason", summary["skipped"]))
    console.print(_entities_table(summary.get("top_entities", [])))
    console.print(_originality_table(store))
    console.print(
        f"[bold]{summary.get('articles', 0)}[/] articles from [bold]{summary.get('sources', 0)}[/] sources in the database"
    )


def _articles_table(store) -> Table:
    table = Table(title="Articles", show_lines=False, expand=True)
    for column in ("id", "site", "published", "title", "dateline", "removed", "people and countries"):
        table.add_column(column, overflow="fold")
    for index, row in enumerate(store.iter_articles()):
        if index == MAX_ARTICLE_ROWS:
            table.caption = "(more articles in the database: use `storytrace export articles`)"
            break
        table.add_row(*_article_cells(row))
    return table


def _article_cells(row: dict) -> list:
    cells = [
        row["id"],
        row.get("site") or "?",
        (row.get("published") or "unknown")[:10],
        _short(row.get("title") or "", 70),
        _dateline_text(row.get("dateline")),
        str(len(row.get("removals") or [])),
        _short(", ".join(_key_entities(row)), 90),
    ]
    return [Text(cell) for cell in cells]  # article data is never read as rich markup


def _dateline_text(dateline: dict | None) -> str:
    if not dateline:
        return ""
    places = "/".join(dateline.get("places") or [])
    wire = dateline.get("wire")
    return f"{places} ({wire})" if wire else places


def _key_entities(row: dict) -> list[str]:
    entities = [entity for entity in row.get("entities") or [] if entity.get("kind") in ("person", "country")]
    entities.sort(key=lambda entity: (entity["kind"] != "country", -len(entity.get("mentions") or [])))
    return [entity.get("code") or entity["name"] for entity in entities]


def _counter_table(title: str, counts: dict) -> Table:
    table = Table(title=title, min_width=len(title) + 4)
    table.add_column("reason")
    table.add_column("count", justify="right")
    for reason, count in Counter(counts).most_common():
        table.add_row(Text(reason), str(count))
    return table


def _entities_table(entities: list[dict]) -> Table:
    table = Table(title="Top entities")
    for column in ("entity", "id", "articles"):
        table.add_column(column)
    for entity in entities:
        table.add_row(Text(entity.get("name", "")), Text(entity.get("id", "")), str(entity.get("articles", "")))
    return table


def _skipped_table(skipped) -> Table:
    table = Table(title=f"Skipped inputs ({len(skipped)})")
    table.add_column("input", overflow="fold")
    table.add_column("reason", overflow="fold")
    for item in skipped[:MAX_SKIPPED_ROWS]:
        table.add_row(Text(item.origin), Text(item.reason))
    if len(skipped) > MAX_SKIPPED_ROWS:
        table.caption = f"(+{len(skipped) - MAX_SKIPPED_ROWS} more: `storytrace export skipped`)"
    return table


def print_search(console: Console, query: str, hits: list[dict]) -> None:
    table = Table(title=f"{len(hits)} results for {query!r}")
    for column in ("id", "site", "title", "snippet"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        cells = (hit["id"], hit.get("site") or "?", hit.get("title") or "", hit.get("snippet") or "")
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_stories(console: Console, rows: list[dict]) -> None:
    table = Table(title=f"{len(rows)} stories")
    for column in ("story", "headline", "start", "end", "articles", "originals", "copies"):
        table.add_column(column, overflow="fold")
    for row in rows:
        roles = Counter(row.get("roles") or [])
        cells = (row["story_id"], _short(row.get("headline") or "", 80), (row.get("start") or "")[:10],
                 (row.get("end") or "")[:10], str(len(row["article_ids"])), str(roles["original"]), str(roles["copy"]))
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)


def _originality_table(store) -> Table:
    from storytrace.store.reuse import iter_originality_rows

    table = Table(title="Originality by source (derived = copied, spun, partly reused or rewritten from another article)")
    for column in ("source", "articles", "derived", "derived words", "derived without credit"):
        table.add_column(column, justify="left" if column == "source" else "right")
    rows = sorted(iter_originality_rows(store.connection), key=lambda row: (-row["derived_share"], row["site"]))
    for row in rows[:MAX_ARTICLE_ROWS]:
        table.add_row(Text(row["site"]), str(row["articles"]), f"{row['derived_share']:.0%}",
                      f"{row['derived_word_share']:.0%}", f"{row['uncredited_share']:.0%}")
    return table
