"""The batch stages after analysis, as the pipeline runs them: each wraps a library stage and says
how its results are persisted (inside the batch's transaction)."""

from __future__ import annotations

from collections.abc import Iterator

from storytrace.engine.local import Pipeline, PipelineOptions, Writer
from storytrace.model import Article, ReuseLink
from storytrace.nlp.events import EventCoder
from storytrace.nlp.pipeline import Analyzer
from storytrace.nlp.quotes import QuoteExtractor
from storytrace.nlp.registry import EntityRegistry
from storytrace.reuse.index import LinkIndex
from storytrace.reuse.linker import Linker
from storytrace.store import quotes as quote_store
from storytrace.store import reuse as reuse_store
from storytrace.store import stories as story_store
from storytrace.store.queries import select_in
from storytrace.store.sqlite import Store
from storytrace.stories.clusterer import StoryClusterer
from storytrace.stories.features import features_from_article
from storytrace.stories.records import build_story

REPLAY_CHUNK = 500


class AttributionStage:
    """Quotes with their speakers, and PLOVER events; the parse runs only on sentences that can hold them."""

    name = "attribute"

    def __init__(self, analyzer: Analyzer, registry: EntityRegistry):
        self.analyzer = analyzer
        self.quotes = QuoteExtractor(parse=analyzer.parse)
        self.events = EventCoder(parse=analyzer.parse)
        self.registry = registry

    def prefetch(self, articles: list[Article]) -> None:
        """The quote paragraphs go to the parser as soon as the articles are clean (they do not
        depend on the entity model), so the workers parse them while this process is busy."""
        self.analyzer.prefetch_parse(self.quotes.paragraphs_to_parse(articles))

    def prefetch_analysed(self, articles: list[Article]) -> None:
        """The event sentences go to the parser as soon as the entity model has split them, ahead
        of the next batch's model work."""
        self.analyzer.prefetch_parse(self.events.sentences_to_parse(articles))

    def run(self, articles: list[Article], store: Store) -> list[Writer]:
        found_quotes = self.quotes.extract_many(articles, self.registry)
        found_events = self.events.code_many(articles)

        def write(connection) -> None:
            for article, quotes, events in zip(articles, found_quotes, found_events):
                quote_store.save_quotes(connection, article, quotes)
                quote_store.save_events(connection, article.id, events)

        return [write]

    def saved(self) -> None:
        pass


class LinkStage:
    """Derivation links: each article is fingerprinted into the persistent index, looked up, and
    aligned against its candidates only (earlier articles, in this batch or stored)."""

    name = "link"

    def __init__(self, store: Store, window: int | None = None):
        """``window``: only the latest this many articles are candidates (None: all stored ones)."""
        self.linker = Linker(reuse_store.load_link_index(store.connection, LinkIndex(window=window)))
        self.batch_links: list[ReuseLink] = []

    def run(self, articles: list[Article], store: Store) -> list[Writer]:
        arrivals = [self.linker.add(article) for article in articles]  # candidates are earlier articles only
        known = {article.id: article for article in articles}
        wanted = {i for arrival in arrivals for i in arrival.candidate_ids if i not in known}
        known |= {article.id: article for article in store.load_articles(sorted(wanted))}  # one read, not one a candidate
        for article, arrival in zip(articles, arrivals):
            arrival.links = self.linker.link(article, [known[i] for i in arrival.candidate_ids if i in known])
        self.batch_links = [link for arrival in arrivals for link in arrival.links]
        fingerprints = [arrival.fingerprint for arrival in arrivals]
        links = self.batch_links
        return [lambda connection: reuse_store.save_fingerprints(connection, fingerprints),
                lambda connection: reuse_store.save_links(connection, links)]

    def saved(self) -> None:
        pass

    def notes(self) -> list[str]:
        stats = self.linker.index.index.stats
        notes = []
        if stats.full_buckets_skipped:
            notes.append(f"reuse index: {stats.full_buckets_skipped} entries not indexed in full buckets (boilerplate or many copies of one text)")
        if stats.candidates_dropped:
            notes.append(f"reuse index: {stats.candidates_dropped} candidates beyond the per-article cap were not compared")
        if stats.articles_forgotten:
            notes.append(f"reuse index: {stats.articles_forgotten} articles older than the window of "
                         f"{self.linker.index.window:,} are no longer reuse candidates (--reuse-window)")
        return notes


class StoryStage:
    """Online story clustering: each article joins the best open story or starts one; a copy joins
    its source's story. Stories touched by a batch are rebuilt and saved; their comparison is made
    when a story is read (``store.stories.comparison_of``)."""

    name = "cluster"
    frequency_window = 2000  # the latest stored articles whose terms refill the document frequencies

    def __init__(self, store: Store, links: LinkStage | None = None):
        self.clusterer = StoryClusterer()
        self.links = links
        self._merges_saved = 0
        self._replay(store)

    def _replay(self, store: Store) -> None:
        """Rebuilds the clusterer's state from the store: the members of the stories still live go
        back into their stored stories (no decision is taken again, so story ids stay as stored),
        and the latest stored articles refill the term frequencies."""
        options = self.clusterer.options
        plan = story_store.replay_plan(
            store.connection, options.quiet_period + options.forget_after, self.frequency_window
        )
        self.clusterer.resume(plan.aliases, plan.highest_story_number)
        story_of = dict(plan.articles)
        sources = _stored_sources(store)
        for articles in _stored_articles(store, [article_id for article_id, _ in plan.articles]):
            for article in articles:
                self.clusterer.restore(features_from_article(article, sources.get(article.id)), story_of[article.id])
        self._merges_saved = len(self.clusterer.merges)

    def run(self, articles: list[Article], store: Store) -> list[Writer]:
        sources = self._sources_of(articles)
        placed = [(a.id, self.clusterer.place(features_from_article(a, sources.get(a.id))).story_id) for a in articles]
        joined: dict[str, list[str]] = {}
        for article_id, story_id in placed:
            joined.setdefault(self.clusterer.resolve(story_id), []).append(article_id)
        return self._writers(joined, articles, store)

    def finish(self, store: Store) -> list[Writer]:
        """At the end of a run, the one-member stories' last look (``StoryClusterer.settle``)."""
        self.clusterer.settle()
        return self._writers({}, [], store)

    def _writers(self, joined: dict[str, list[str]], articles: list[Article], store: Store) -> list[Writer]:
        """Writers for the merges not saved yet and the stories ``joined`` or merged into, rebuilt."""
        merges = self.clusterer.merges[self._merges_saved :]
        for merge in merges:  # a story closing, or the run ending, may merge into a story no article joined
            joined.setdefault(self.clusterer.resolve(merge.into), [])
        if not joined:
            return []
        stories = self._records(joined, articles, store)
        return [lambda connection: self._write(connection, stories, merges)]

    def _sources_of(self, articles: list[Article]) -> dict[str, str]:
        links = self.links.batch_links if self.links else []
        derived = {article.id for article in articles}
        return {link.derived_id: link.source_id for link in links if link.derived_id in derived and link.kind != "shared-quote"}

    def _records(self, joined: dict[str, list[str]], batch: list[Article], store: Store):
        in_batch = {article.id: article for article in batch}
        stories = []
        for story_id in sorted(joined):
            member_ids = self._member_ids(story_id, joined[story_id], store)
            stored = store.load_articles([i for i in member_ids if i not in in_batch])
            by_id = in_batch | {article.id: article for article in stored}
            members = [by_id[i] for i in member_ids if i in by_id]
            stories.append(build_story(story_id, members, _links_among(store, member_ids, self.links)))
        return stories

    def _member_ids(self, story_id: str, joined: list[str], store: Store) -> list[str]:
        """Every member, in arrival order; a story the clusterer has already let go of (closed long
        ago, as a later article of the same batch moved the clock on) is completed from the store."""
        state = self.clusterer.stories.get(story_id)
        if state is not None:
            return list(state.members)
        query = "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY position"
        stored = [row[0] for row in store.connection.execute(query, (story_id,))]
        return stored + [article_id for article_id in joined if article_id not in stored]

    def _write(self, connection, stories, merges) -> None:
        for merge in merges:
            story_store.save_merge(connection, merge.absorbed, merge.into, merge.score)
        story_store.save_stories(connection, stories)

    def saved(self) -> None:
        self._merges_saved = len(self.clusterer.merges)


def _stored_articles(store: Store, ids: list[str]) -> Iterator[list[Article]]:
    """The given stored articles in the given order, a chunk at a time."""
    for first in range(0, len(ids), REPLAY_CHUNK):
        chunk = ids[first : first + REPLAY_CHUNK]
        by_id = {article.id: article for article in store.load_articles(chunk)}
        yield [by_id[article_id] for article_id in chunk if article_id in by_id]


def _stored_sources(store: Store) -> dict[str, str]:
    query = "SELECT derived_id, source_id FROM reuse_links WHERE kind != 'shared-quote'"
    return {derived: source for derived, source in store.connection.execute(query)}


def _links_among(store: Store, member_ids: list[str], links: LinkStage | None) -> list[ReuseLink]:
    """Derivations among a story's members (a shared quote is no derivation)."""
    members = set(member_ids)
    batch = [
        link for link in (links.batch_links if links else [])
        if link.source_id in members and link.derived_id in members and link.kind != "shared-quote"
    ]
    query = "SELECT source_id, derived_id, kind, score FROM reuse_links WHERE kind != 'shared-quote' AND derived_id IN ({})"
    stored = [
        ReuseLink(source, derived, kind, score)
        for source, derived, kind, score in select_in(store.connection, query, member_ids)
        if source in members
    ]
    return batch + stored


def full_pipeline(store: Store, analyzer: Analyzer, options: PipelineOptions | None = None) -> Pipeline:
    """The pipeline with every stage: read .. analyse, then attributions, links and stories."""
    pipeline = Pipeline(store, analyzer, options)
    links = LinkStage(store, pipeline.options.reuse_window)
    pipeline.stages = [AttributionStage(analyzer, pipeline.registry), links, StoryStage(store, links)]
    return pipeline
