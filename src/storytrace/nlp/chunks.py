"""Analysis by line, each distinct line through the model once.

News streams repeat themselves: wire copies, reposts and spun copies share most of their lines with
an earlier article. The model's sentence and entity annotations of a line are kept (keyed by the
line and the last words before it) and laid back onto the whole article's tokens, so a repeated line
costs a tokenisation instead of a pass of the entity model. Unseen lines are read in runs, as one
text with the words before them, so the model sees what it would see in place (a line break ends a
sentence anyway, see ``line_break_sentences``; the entity model looks only a few tokens either side).
"""

from __future__ import annotations

import re
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from storytrace.nlp.workers import WorkerPool

CHUNK = re.compile(r"[^\n]*\n+|[^\n]+")  # a line with the line breaks that follow it
CONTEXT_WORDS = 3
# Words the model reads at once. A fixed count of texts made batches of short texts (the lines and
# runs of lines the cache leaves, the sentences sent to the parser) tiny, and the model's fixed cost
# a batch dominated them. Measured, one process, 4 alternating runs over 300 generated articles:
# entities of their 11,800 lines 11.1-13.5 CPU-s by 32 texts, 6.3-8.7 by 8,000 words; the parse of
# 6,353 sentences 5.8-8.2 against 5.3-6.7. Whole articles: 32 a batch (about 19,000 words) 7.5-7.9,
# 8,000 words 7.3-8.2, 16,000 words 6.2-7.5; but at 16,000 the bench's peak memory rose from 1,310 to
# 1,489 MB (2,400 generated articles, 2 workers), and sentences cost the same at either size.
# The outputs are the same at any size.
MODEL_BATCH_WORDS = 8_000

Key = TypeVar("Key")
Value = TypeVar("Value")


class LruCache(Generic[Key, Value]):
    """A dict that forgets its least recently used entries beyond ``capacity``."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._entries: OrderedDict[Key, Value] = OrderedDict()

    def get(self, key: Key) -> Value | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: Key, value: Value) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A line, known by its text and the last words of the line before (``context``): the entity
    model looks a few tokens either side, so a name opening a line ("Jackman said ...") depends on
    what precedes it."""

    context: str
    line: str


@dataclass(frozen=True, slots=True)
class ChunkAnnotation:
    """What the model said about one line, in character offsets into the line."""

    sentence_starts: tuple[int, ...]
    entities: tuple[tuple[int, int, str], ...]


def split_chunks(text: str, context_words: int = CONTEXT_WORDS) -> list[Chunk]:
    """The text's lines, each with its trailing line breaks (they join back into ``text``)."""
    lines = CHUNK.findall(text)
    contexts = [""] + [_tail(line, context_words) for line in lines[:-1]]
    return [Chunk(context, line) for context, line in zip(contexts, lines)]


def _tail(line: str, words: int) -> str:
    tail = " ".join(line.split()[-words:])
    return tail + "\n" if tail else ""


Annotations = tuple[list[int], list[tuple[int, int, str]]]  # sentence starts, entities (char offsets)


@dataclass(slots=True)
class Run:
    """Consecutive lines of one text that the model has not seen, read as one text after the first
    line's context; the annotations are then cut back into lines."""

    chunks: list[Chunk]

    @property
    def text(self) -> str:
        return self.chunks[0].context + "".join(chunk.line for chunk in self.chunks).rstrip("\n")

    def cut(self, annotations: Annotations) -> dict[Chunk, ChunkAnnotation]:
        starts, entities = annotations
        cut, base = {}, len(self.chunks[0].context)
        for chunk in self.chunks:
            end = base + len(chunk.line)
            cut[chunk] = ChunkAnnotation(
                tuple(start - base for start in starts if base <= start < end),
                tuple((start - base, stop - base, label) for start, stop, label in entities if base <= start and stop <= end),
            )
            base = end
        return cut


def annotations_of(doc: Doc) -> Annotations:
    starts = [sentence.start_char for sentence in doc.sents] if len(doc) else []
    return starts, [(entity.start_char, entity.end_char, entity.label_) for entity in doc.ents]


def annotate_texts(model: str, texts: list[str], batch_words: int) -> list[Annotations]:
    """In a worker process: the analysis pipeline's annotations of ``texts`` (small to send back)."""
    from storytrace.nlp.pipeline import load_pipeline

    return [annotations_of(doc) for doc in pipe_in_batches(load_pipeline(model), texts, batch_words)]


def pipe_in_batches(nlp: Language, texts: Iterable[str], batch_words: int = MODEL_BATCH_WORDS) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, in order, a batch being as many texts as make ``batch_words``."""
    for batch in _batches_of_words(texts, batch_words):
        yield from nlp.pipe(batch, batch_size=len(batch))


def _batches_of_words(texts: Iterable[str], words: int) -> Iterator[list[str]]:
    batch: list[str] = []
    counted = 0
    for text in texts:
        batch.append(text)
        counted += text.count(" ") + 1
        if counted >= words:
            yield batch
            batch, counted = [], 0
    if batch:
        yield batch


@dataclass(slots=True)
class Pending:
    """Texts submitted for analysis: their runs are with the workers (``futures``) or not yet
    analysed at all (no pool); ``ChunkAnalyzer.collect`` turns it into docs."""

    texts: list[str]
    chunked: list[list[Chunk]]
    known: dict[Chunk, ChunkAnnotation]
    runs: list[Run]
    futures: list[Future] | None = None
    collected: bool = False


class ChunkAnalyzer:
    """Runs ``nlp`` over many texts, each distinct line once, and rebuilds one Doc a text.

    ``docs`` does it at once. ``submit`` hands the unseen runs to a pool of worker processes and
    returns at once, so the caller can work on something else; ``collect`` waits for them. Pendings
    are collected in the order they were submitted; a line in flight for an earlier one is not sent
    twice."""

    def __init__(self, nlp: Language, capacity: int = 200_000, batch_words: int = MODEL_BATCH_WORDS):
        self.nlp = nlp
        self.batch_words = batch_words
        self.cache: LruCache[Chunk, ChunkAnnotation] = LruCache(capacity)
        self.chunks_seen = 0
        self.chunks_analysed = 0
        self._in_flight: set[Chunk] = set()
        self._pending: deque[Pending] = deque()

    def docs(self, texts: list[str]) -> list[Doc]:
        return self.collect(self.submit(texts))

    def submit(self, texts: list[str], pool: WorkerPool | None = None) -> Pending:
        """The texts' unseen runs go to ``pool`` at once; without one, the model reads them in ``collect``."""
        chunked = [split_chunks(text) for text in texts]
        known, runs = self._lookup(chunked)
        pending = Pending(texts, chunked, known, runs)
        if pool is not None and runs:
            pending.futures = pool.annotate([run.text for run in runs])
            self._in_flight.update(chunk for run in runs for chunk in run.chunks)
        self._pending.append(pending)
        return pending

    def collect(self, pending: Pending) -> list[Doc]:
        while self._pending and not pending.collected:
            self._annotate(self._pending.popleft())
        known = pending.known
        return [self._assemble(text, chunks, known) for text, chunks in zip(pending.texts, pending.chunked)]

    def _lookup(self, chunked: Iterable[list[Chunk]]) -> tuple[dict[Chunk, ChunkAnnotation], list[Run]]:
        known: dict[Chunk, ChunkAnnotation] = {}
        scheduled: set[Chunk] = set()
        runs: list[Run] = []
        for chunks in chunked:
            run: list[Chunk] = []
            for chunk in chunks:
                self.chunks_seen += 1
                if chunk not in known and chunk not in scheduled and chunk not in self._in_flight and not self._known(chunk, known):
                    run.append(chunk)
                    scheduled.add(chunk)
                    continue
                if run:
                    runs.append(Run(run))
                    run = []
            if run:
                runs.append(Run(run))
        self.chunks_analysed += len(scheduled)
        return known, runs

    def _known(self, chunk: Chunk, known: dict[Chunk, ChunkAnnotation]) -> bool:
        annotation = self.cache.get(chunk)
        if annotation is not None:
            known[chunk] = annotation
        return annotation is not None

    def _annotate(self, pending: Pending) -> None:
        """The pending's runs cut into lines, into the cache (all first: a failure leaves it as it was)."""
        try:
            if pending.futures is None:
                annotations = [annotations_of(doc) for doc in pipe_in_batches(self.nlp, (run.text for run in pending.runs), self.batch_words)]
            else:
                annotations = [item for future in pending.futures for item in future.result()]
        finally:
            self._in_flight.difference_update(chunk for run in pending.runs for chunk in run.chunks)
            pending.collected = True
        fresh: dict[Chunk, ChunkAnnotation] = {}
        for run, annotation in zip(pending.runs, annotations):
            fresh |= run.cut(annotation)
        for chunk, annotation in fresh.items():
            self.cache.put(chunk, annotation)
        pending.known |= fresh

    def _assemble(self, text: str, chunks: list[Chunk], known: dict[Chunk, ChunkAnnotation]) -> Doc:
        doc = self.nlp.make_doc(text)
        starts, entities, base = set(), [], 0
        for chunk in chunks:
            annotation = known.get(chunk) or self._borrowed(chunk)
            starts.add(base)
            starts.update(base + start for start in annotation.sentence_starts)
            entities.extend((base + start, base + end, label) for start, end, label in annotation.entities)
            base += len(chunk.line)
        _set_sentences(doc, starts)
        doc.ents = [span for span in (doc.char_span(*entity[:2], label=entity[2]) for entity in entities) if span]
        return doc

    def _borrowed(self, chunk: Chunk) -> ChunkAnnotation:
        """A line an earlier pending analysed; read again alone if the cache has forgotten it since."""
        annotation = self.cache.get(chunk)
        if annotation is None:
            annotation = Run([chunk]).cut(annotations_of(self.nlp(Run([chunk]).text)))[chunk]
            self.cache.put(chunk, annotation)
        return annotation


def _set_sentences(doc: Doc, starts: set[int]) -> None:
    if not len(doc):
        return
    flags = numpy.where(numpy.isin(doc.to_array("IDX"), numpy.fromiter(starts, dtype="int64", count=len(starts))), 1, -1)
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
