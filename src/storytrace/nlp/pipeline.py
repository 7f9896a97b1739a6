"""The analysis stage: spaCy over each article's clean text, results in original-text offsets.

Components: the model's ``senter`` (sentences, plus a rule that a line break ends one) and ``ner``
(entities) only. Each has its own small embedding layer, so the shared ``tok2vec``, the tagger,
lemmatizer and parser stay switched off. Measured on ECB+ train (187k words, 2 cores, shared
machine): about 9.5-10k words/s with ``n_process=2`` against 4.5k for the full pipeline; 5.3k
against 2.8k in one process. Stages that need a dependency parse for a few sentences call
``Analyzer.parse``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from storytrace.model import Article, Mention, OffsetMap, Span
from storytrace.nlp.attributes import FAST_RULER, supports
from storytrace.nlp.candidates import AliasMatcher, Candidate, collect_candidates
from storytrace.nlp.chunks import MODEL_BATCH_WORDS, ChunkAnalyzer, LruCache, Pending, pipe_in_batches
from storytrace.nlp.countries import CountryTable
from storytrace.nlp.offsets import raw_parts, strip_span
from storytrace.nlp.registry import EntityRegistry
from storytrace.nlp.resolve import EntityResolver
from storytrace.nlp.spacy_model import DEFAULT_MODEL, load_model
from storytrace.nlp.workers import WorkerPool

LINE_BREAKS = "line_break_sentences"
ANALYSIS_PIPES = ("senter", LINE_BREAKS, "ner")
PARSE_PIPES = ("tok2vec", "tagger", FAST_RULER, "attribute_ruler", "lemmatizer", "parser")  # those present
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")
MIN_TEXTS_FOR_WORKERS = 8  # fewer are parsed here: sending them costs more than it saves


@Language.component(LINE_BREAKS)
def line_break_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence: in news text a line is a paragraph, a headline or a
    byline, and the model's ``senter`` readily runs a headline into the first paragraph."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.cache
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Loads ``model`` once per process, with only the analysis components switched on."""
    nlp = load_model(model)
    if "senter" not in nlp.component_names:
        nlp.add_pipe("sentencizer", name="senter", first=True)
    nlp.add_pipe(LINE_BREAKS, after="senter")
    if "attribute_ruler" in nlp.component_names and supports(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe(FAST_RULER, after="attribute_ruler")  # the same rules, applied the same way
        nlp.remove_pipe("attribute_ruler")
    _switch_to(nlp, ANALYSIS_PIPES)
    return nlp


@contextlib.contextmanager
def parse_pipeline(model: str = DEFAULT_MODEL) -> Iterator[Language]:
    """The loaded pipeline with the parse components on (tags, lemmas, dependencies), for a while."""
    nlp = load_pipeline(model)
    with _only(nlp, PARSE_PIPES):
        yield nlp


@contextlib.contextmanager
def whole_model_pipeline(model: str = DEFAULT_MODEL) -> Iterator[Language]:
    """Every component the model ships switched on (parse and entities over the whole text), the
    pipeline's faster attribute ruler standing in for the model's: spaCy alone, as a user would run it."""
    nlp = load_pipeline(model)
    with _only(nlp, (*PARSE_PIPES, "ner")):
        yield nlp


def _switch_to(nlp: Language, wanted: Iterable[str]) -> None:
    """Enables the ``wanted`` components (those the model has) and disables all others."""
    wanted = set(wanted)
    for name in nlp.component_names:
        if name in wanted and name in nlp.disabled:
            nlp.enable_pipe(name)
        elif name not in wanted and name not in nlp.disabled:
            nlp.disable_pipe(name)


@contextlib.contextmanager
def _only(nlp: Language, wanted: Iterable[str]) -> Iterator[None]:
    """``select_pipes`` cannot switch on a disabled component; this can, and restores after."""
    before = list(nlp.pipe_names)
    _switch_to(nlp, wanted)
    try:
        yield
    finally:
        _switch_to(nlp, before)


class Analyzer:
    def __init__(
        self, model: str = DEFAULT_MODEL, n_process: int = 1, batch_words: int = MODEL_BATCH_WORDS, parse_cache: int = 20_000
    ):
        self.n_process = n_process
        self.batch_words = batch_words
        self.nlp = load_pipeline(model)  # shared by every Analyzer of this process
        self.chunks = ChunkAnalyzer(self.nlp, batch_words=batch_words)
        self.pool = WorkerPool(model, n_process, batch_words) if n_process > 1 else None
        self._parsed: LruCache[str, Doc] = LruCache(parse_cache)
        self.parse_log: list[str] | None = None  # set to a list to record every text parsed (bench)
        self._parsing: dict[str, _ParseTask] = {}  # text -> the worker task parsing it ahead (prefetch_parse)
        table = CountryTable.load()
        self._alias_matcher = AliasMatcher(self.nlp, table)
        self._resolver = EntityResolver(table)

    def analyze(self, articles: list[Article], registry: EntityRegistry) -> None:
        """Fills ``sentences``, ``tokens`` and ``mentions`` of each article, in original offsets."""
        self.finish(articles, self.submit(articles), registry)

    def submit(self, articles: list[Article]) -> Pending:
        """Starts the model on the articles' unseen lines, in ``n_process`` worker processes when
        more than one; returns at once, so the caller can work meanwhile."""
        texts = [_analysis_input(article)[0] for article in articles]
        return self.chunks.submit(texts, self.pool)

    def finish(self, articles: list[Article], pending: Pending, registry: EntityRegistry) -> None:
        """Waits for ``submit``'s work; entity resolution and every registry update happen here, in
        the calling process, in article order, once all docs are back (a model failure then leaves
        the registry untouched for a retry)."""
        docs = self.chunks.collect(pending)
        for article, doc in zip(articles, docs):
            self._fill(article, doc, _analysis_input(article)[1], registry)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def prefetch_parse(self, texts: Iterable[str]) -> None:
        """Starts the worker processes on parses a later ``parse`` call will ask for, so that they
        run while this process works on something else (without workers, does nothing)."""
        if self.pool is None:
            return
        unseen = [text for text in dict.fromkeys(texts) if text not in self._parsing and self._parsed.get(text) is None]
        if len(unseen) < MIN_TEXTS_FOR_WORKERS:
            return
        if self.parse_log is not None:
            self.parse_log.extend(unseen)
        task = _ParseTask(unseen, self.pool.submit_parse(unseen))
        self._parsing.update(dict.fromkeys(unseen, task))

    def parse(self, texts: Iterable[str]) -> list[Doc]:
        """Full dependency parse (tags, lemmas, parser sentences) of a few texts, e.g. chosen sentences.

        Parses are kept by text (least recently used forgotten first): copies repeat their sources'
        paragraphs. Callers read the docs and never change them."""
        texts = list(texts)
        self._collect_prefetched(texts)
        unseen = list(dict.fromkeys(text for text in texts if self._parsed.get(text) is None))
        if self.parse_log is not None:
            self.parse_log.extend(unseen)
        for text, doc in zip(unseen, self._parse_unseen(unseen)):
            doc.tensor = _NO_TENSOR  # only the annotations are read; the vectors weigh most
            self._parsed.put(text, doc)
        return [_or_else(self._parsed.get(text), self._parse_one, text) for text in texts]

    def _collect_prefetched(self, texts: list[str]) -> None:
        tasks = {id(task): task for task in (self._parsing.get(text) for text in texts) if task is not None}
        for task in tasks.values():
            for text in task.texts:
                del self._parsing[text]
            for text, doc in zip(task.texts, WorkerPool.parsed(task.futures, self.nlp)):
                doc.tensor = _NO_TENSOR
                self._parsed.put(text, doc)

    def _parse_unseen(self, texts: list[str]) -> list[Doc]:
        if self.pool is not None and len(texts) >= MIN_TEXTS_FOR_WORKERS:
            return self.pool.parse(texts, self.nlp)
        with _only(self.nlp, PARSE_PIPES):
            return list(pipe_in_batches(self.nlp, texts, self.batch_words))

    def _parse_one(self, text: str) -> Doc:
        """For a text forgotten within its own call (more unseen texts than the cache holds)."""
        with _only(self.nlp, PARSE_PIPES):
            return self.nlp(text)

    def _fill(self, article: Article, doc: Doc, offsets: OffsetMap, registry: EntityRegistry) -> None:
        article.sentences = _sentence_spans(doc, article.text, offsets)
        article.tokens = len(doc) - int(doc.to_array("IS_SPACE").sum()) if len(doc) else 0
        candidates = self._resolver.resolve(doc, collect_candidates(doc, self._alias_matcher), registry)
        mentions = (_mention(candidate, article.text, offsets) for candidate in candidates)
        article.mentions = [mention for mention in mentions if mention is not None]


@dataclass(slots=True)
class _ParseTask:
    texts: list[str]
    futures: list[Future]


def _or_else(doc: Doc | None, parse, text: str) -> Doc:
    return parse(text) if doc is None else doc


def _analysis_input(article: Article) -> tuple[str, OffsetMap]:
    if article.offsets is not None:
        return article.clean_text, article.offsets
    if article.clean_text and article.clean_text != article.text:
        raise ValueError(f"article {article.id}: clean_text has no offsets to map it back")
    return article.text, OffsetMap.identity(article.text)


def _sentence_spans(doc: Doc, text: str, offsets: OffsetMap) -> list[Span]:
    spans = []
    for sentence in doc.sents:
        for part in raw_parts(offsets, sentence.start_char, sentence.end_char):
            stripped = strip_span(text, part)
            if stripped is not None:
                spans.append(stripped)
    return spans


def _mention(candidate: Candidate, text: str, offsets: OffsetMap) -> Mention | None:
    """The mention in original offsets; one crossing a removed piece keeps its longest part."""
    parts = raw_parts(offsets, candidate.span.start_char, candidate.span.end_char)
    if not parts:
        return None
    span = max(parts, key=len)
    return Mention(span=span, text=span.of(text), label=candidate.label, entity_id=candidate.entity_id)
