"""Article data in terminal summaries is shown as text, never interpreted as markup."""

from rich.console import Console

from storytrace import report
from storytrace.model import Article, OffsetMap
from storytrace.store import Store


def test_article_fields_are_printed_literally(tmp_path):
    text = "[red]Title[/red]\nBody [bold]sentence[/bold]."
    article = Article(id="[bold]x[/bold]", origin="x.txt", fmt="text", text=text, title="[red]Title[/red]",
                      site="[link=javascript:alert(1)]site[/link]", clean_text=text, offsets=OffsetMap.identity(text))
    with Store(tmp_path / "r.sqlite") as store:
        store.save_batch(store.start_run(["x.txt"]), [article], [], [], [])
        console = Console(width=200, record=True)
        console.print(report._articles_table(store))
    output = console.export_text()
    for literal in ("[bold]x[/bold]", "[red]Title[/red]", "[link=javascript:alert(1)]site[/link]"):
        assert literal in output
