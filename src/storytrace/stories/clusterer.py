"""Online story clustering: each article joins the best open story or starts a new one.

No look-ahead: an article is scored against the stories as they stand when it arrives. Candidate
stories come from an inverted index over the stories' terms and entities, so the cost does not grow
with the number of open stories. Each candidate is scored by a logistic ``PairModel`` over
``pairs.FEATURE_NAMES`` (term and entity cosines, and whether the article's people, places, numbers
and years are the story's), scaled down by the time gap when both sides have dates. A copy
(``ArticleFeatures.source_id``) joins its source's story outright. Stories quiet for
``quiet_period`` (by publication dates) close: they leave the index but keep a compact summary a
late article can still join; ``forget_after`` later they are dropped. When an article fits two
stories and those stories match each other, they merge and the merge is recorded, unless each is
about a different person (``ClusterOptions.subject_weight``), or unless both have grown side by side
(``ClusterOptions.parallel_growth``). Joining a one-member story takes a surer match
(``small_threshold``): one article is thin evidence, and the first article of a second, similar event
(the same boxer's next title defence) would otherwise settle into the first one's story. An article
left alone gets a second chance: once a story has grown since, it adopts a one-member story whose
article fits it (``adopt_threshold``; recorded as a merge). Early in a stream every word is rare,
and an article's first look undervalues the words an event's reports share: a one-member story begun
before the stream had half its present length gets a last look when it closes or a run ends
(``settle``), and goes into the larger open story it fits with today's frequencies
(``adopt_threshold``, recorded as a merge); in a mature stream nothing is looked at again. Sums of
money decide what words cannot: an article whose lead names sums all of another order of size
(beyond ``SUM_RATIO``) than any the story's leads name does not join it, nor do two such stories
merge or one adopt the other.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from storytrace.stories.features import ArticleFeatures, tokens
from storytrace.stories.index import StoryIndex, entity_key
from storytrace.stories.pairs import PERSON, PairModel, pair_features
from storytrace.stories.state import MEMBER_TERMS, DocumentView, StoryState
from storytrace.stories.vectors import DocumentFrequencies, SparseVector, norm, sublinear, top_keys

# Fitted on ECB+ train.jsonl (``stories.tuning``: oracle_pairs, then fit_pair_model); weights in
# the order of pairs.FEATURE_NAMES. Thresholds (join, one-member join, merge, adoption), subject weight and
# growth counts chosen on train as well.
DEFAULT_MODEL = PairModel(
    weights=(
        7.7897, 3.187, 1.7775, 1.398, -0.0245, -0.8724, 2.9151, 2.8685, -1.5077,
        1.0171, 1.1556, -7.5536, 4.6436, 0.3199, 0.2914, 0.655, 0.5196, 2.9094,
    ),
    bias=-6.7832,
)
# Two sums of money within this ratio may be one sum in two currencies or two estimates of it.
SUM_RATIO = 3.0
# A one-member story is due its last look once the stream has grown this many times over since it began.
SETTLE_GROWTH = 2


@dataclass(slots=True)
class ClusterOptions:
    threshold: float = 0.6  # the least pair probability to join a story
    merge_threshold: float = 0.8  # the least story-to-story pair probability to merge; > 1 never merges
    # A story is about a person when its most-named one weighs this much a member (sublinear counts:
    # 2.0 is about three mentions an article); stories about two different people never merge.
    subject_weight: float = 2.0
    small_threshold: float = 0.85  # the least pair probability to join a story of one member
    # A story of ``adopt_target`` members or more that has gained ``adopt_growth`` members since a
    # one-member story began adopts it when its article fits the story this well (a pair probability:
    # under ``threshold``, since the story has gathered evidence the article did not have).
    adopt_threshold: float = 0.4  # > 1 never adopts
    adopt_growth: int = 2
    adopt_target: int = 3
    # Two stories that have each gained this many members since the other began never merge: article
    # by article the stream kept them apart, the sign of two similar events reported side by side.
    parallel_growth: int = 4
    model: PairModel = field(default_factory=lambda: DEFAULT_MODEL)
    time_scale: timedelta = timedelta(days=7)  # a gap this long halves the score
    quiet_period: timedelta = timedelta(days=3)
    forget_after: timedelta = timedelta(days=30)
    candidate_keys: int = 30
    indexed_keys: int = 40  # an article's heaviest terms that enter the index (all its entities do)
    max_story_terms: int = 250  # a story's term vector is cut back to this size when twice as large
    max_candidates: int = 10  # the stories sharing the most key weight get scored in full
    closed_summary_keys: int = 60
    # Past this many distinct terms (or entities), the document frequencies drop the least-seen
    # ones: a stream keeps meeting new names and numbers, and without a cap the table grew by about
    # 9 keys an article on the growth benchmark (1.5M keys at 160k articles).
    max_frequency_keys: int = 2_000_000
    id_prefix: str = "story-"


@dataclass(slots=True, frozen=True)
class Merge:
    absorbed: str
    into: str
    score: float


@dataclass(slots=True, frozen=True)
class Assignment:
    story_id: str
    score: float  # 1.0 for a copy joining its source's story, 0.0 for a new story
    via: str  # "new" | "similarity" | "derivation" | "late"


@dataclass(slots=True)
class Candidate:
    story: StoryState
    features: list[float]
    score: float


class StoryClusterer:
    def __init__(self, options: ClusterOptions | None = None):
        self.options = options or ClusterOptions()
        self.terms_df = DocumentFrequencies()
        self.entities_df = DocumentFrequencies()
        self.open_index = StoryIndex()
        self.closed_index = StoryIndex()
        self.stories: dict[str, StoryState] = {}  # live stories, open or closed
        self.aliases: dict[str, str] = {}  # merged-away story id -> the story it went into
        self.story_of: dict[str, str] = {}
        self.merges: list[Merge] = []
        self.clock: datetime | None = None
        self._closing: list[tuple[datetime, str]] = []
        self._created = 0
        self._placed = 0  # articles put in a story so far: their arrival numbers (StoryState.arrivals)

    def assign(self, article: ArticleFeatures) -> str:
        return self.place(article).story_id

    def place(self, article: ArticleFeatures) -> Assignment:
        """Puts the article in a story and says which and why."""
        view = self.observe(article)
        placed = self.add(article, self._choose(article, view), view)
        if placed.via != "new" and self.options.merge_threshold <= 1.0:
            self._merge_matches(self.stories[placed.story_id])
        if placed.via != "new" and self.options.adopt_threshold <= 1.0:
            self._adopt_singles(self.stories[self.resolve(placed.story_id)])
        return Assignment(self.resolve(placed.story_id), placed.score, placed.via)

    def observe(self, article: ArticleFeatures) -> DocumentView:
        """Counts the article into the document frequencies and the clock; its weighted view."""
        self._advance_clock(article.published)
        for frequencies, keys in ((self.terms_df, article.terms), (self.entities_df, article.entities)):
            frequencies.add(keys)
            frequencies.keep_within(self.options.max_frequency_keys)
        terms = {k: v * self.terms_df.idf(k) for k, v in sublinear(article.terms).items()}
        entities = {k: v * self.entities_df.idf(k) for k, v in sublinear(article.entities).items()}
        return DocumentView(
            terms,
            entities,
            norm(terms),
            norm(entities),
            article.title_terms,
            article.years,
            article.published,
            article.lead_entities,
            article.lead_dates,
            article.lead_amounts,
        )

    def candidates(self, view: DocumentView, include_closed: bool = False) -> list[Candidate]:
        """The stories worth scoring for this article, best first."""
        ranked = self._rank(view, self.open_index)
        if include_closed:
            ranked = sorted(ranked + self._rank(view, self.closed_index), key=lambda c: -c.score)
        return ranked

    def add(self, article: ArticleFeatures, assignment: Assignment, view: DocumentView) -> Assignment:
        """Adds the article to ``assignment.story_id``, or to a new story when that id is unknown."""
        story = self.stories.get(self.resolve(assignment.story_id)) or self._new_story()
        story.recent.append(view.trimmed(MEMBER_TERMS))
        tf_terms, tf_entities = sublinear(article.terms), sublinear(article.entities)
        story.absorb(article.article_id, article.title, tf_terms, tf_entities, (self.terms_df, self.entities_df))
        story.years.update(article.years)
        story.title_terms.update(article.title_terms)
        story.leads.update(sorted(article.lead_entities))  # sorted: ties in most_common by name, not hash order
        story.lead_dates.update(article.lead_dates)
        story.lead_amounts.update(article.lead_amounts)
        story.stretch(article.published)
        self._placed += 1
        story.arrivals.append(self._placed)
        self._index(story, top_keys(view.terms, self.options.indexed_keys) + [entity_key(k) for k in tf_entities])
        if len(story.terms) > 2 * self.options.max_story_terms:
            story.cut_terms(self.options.max_story_terms)
            story.refresh_norms(self.terms_df, self.entities_df)
        self.story_of[article.article_id] = story.id
        if story.end is not None:
            heapq.heappush(self._closing, (story.end, story.id))
        return Assignment(story.id, assignment.score, assignment.via)

    def restore(self, article: ArticleFeatures, story_id: str | None) -> None:
        """Replays a stored article after a restart: into ``story_id`` as it was decided then, or,
        without a story, into the document frequencies and the clock alone."""
        view = self.observe(article)
        if story_id is None:
            return
        if story_id not in self.stories:  # begun where its first member stands in the replayed stream
            self.stories[story_id] = StoryState(id=story_id, born_at=self.terms_df.documents)
        self.add(article, Assignment(story_id, 1.0, "restored"), view)

    def resume(self, aliases: dict[str, str], highest_story_number: int) -> None:
        """Takes back the recorded merges and the story numbering, so new ids never repeat old ones."""
        self.aliases.update(aliases)
        self._created = max(self._created, highest_story_number)

    def _index(self, story: StoryState, keys: list[str]) -> None:
        fresh = [key for key in keys if key not in story.indexed]
        story.indexed.update(fresh)
        if not story.closed:
            self.open_index.add(story.id, fresh)

    def resolve(self, story_id: str) -> str:
        """The story a (possibly merged) story id now lives in."""
        while story_id in self.aliases:
            story_id = self.aliases[story_id]
        return story_id

    def story_for(self, article_id: str) -> str | None:
        story_id = self.story_of.get(article_id)
        return self.resolve(story_id) if story_id is not None else None

    def live_stories(self) -> Iterator[StoryState]:
        yield from self.stories.values()

    # --- choosing ------------------------------------------------------------------------------

    def _choose(self, article: ArticleFeatures, view: DocumentView) -> Assignment:
        source_story = self.story_for(article.source_id) if article.source_id else None
        if source_story is not None and source_story in self.stories:
            self._reopen(self.stories[source_story])
            return Assignment(source_story, 1.0, "derivation")
        ranked = self.candidates(view, include_closed=self._is_late(article.published))
        ranked = [
            candidate
            for candidate in ranked
            if candidate.score >= self._join_threshold(candidate.story)
            and not _sums_differ(view.lead_amounts, candidate.story.lead_amounts)
        ]
        if not ranked:
            return Assignment("", 0.0, "new")
        best = ranked[0]
        via = "late" if best.story.closed else "similarity"
        self._reopen(best.story)
        return Assignment(self.resolve(best.story.id), best.score, via)

    def _join_threshold(self, story: StoryState) -> float:
        return self.options.small_threshold if len(story.members) == 1 else self.options.threshold

    def _rank(self, view: DocumentView, index: StoryIndex, excluding: str | None = None) -> list[Candidate]:
        ids = index.candidates(self._lookup_weights(view), self.options.max_candidates)
        scored = [self._candidate(view, self.stories[story_id]) for story_id in ids if story_id != excluding]
        return sorted(scored, key=lambda c: -c.score)

    def _candidate(self, view: DocumentView, story: StoryState) -> Candidate:
        features = pair_features(view, story, self.terms_df, self.entities_df)
        score = self.options.model.probability(features) * self._time_factor(view.published, story)
        return Candidate(story, features, score)

    def _time_factor(self, published: datetime | None, story: StoryState) -> float:
        scale_days = self.options.time_scale.total_seconds() / 86400.0
        return 1.0 / (1.0 + story.gap_days(published) / scale_days)

    def _lookup_weights(self, view: DocumentView) -> dict[str, float]:
        keys = self.options.candidate_keys
        weights = {key: view.terms[key] for key in top_keys(view.terms, keys)}
        weights.update({entity_key(key): view.entities[key] for key in top_keys(view.entities, keys)})
        return weights

    # --- merging -------------------------------------------------------------------------------

    def _merge_matches(self, story: StoryState) -> None:
        """Merges into ``story`` (or it into them, the smaller going) the open stories it now matches."""
        view = self._story_view(story, self.options.candidate_keys)
        for candidate in self._rank(view, self.open_index, excluding=story.id):
            if candidate.score < self.options.merge_threshold:
                return
            if candidate.story is story or candidate.story.closed:
                continue
            if self._about_different_people(story, candidate.story):
                continue
            if _grew_side_by_side(story, candidate.story, self.options.parallel_growth):
                continue
            if _sums_differ(story.lead_amounts, candidate.story.lead_amounts):
                continue
            small, large = sorted((story, candidate.story), key=lambda s: len(s.members))
            self._merge(small, large, candidate.score)
            story = large

    def settle(self) -> list[Merge]:
        """The last look of the open one-member stories due one (``_due_a_look``); the merges made."""
        made = len(self.merges)
        for story in [s for s in self.stories.values() if len(s.members) == 1 and not s.closed]:
            if self._due_a_look(story):
                self._settle(story)
        return self.merges[made:]

    def _due_a_look(self, single: StoryState) -> bool:
        """Not looked at again yet, and begun before the stream had half its present length: the
        look makes up for young frequencies (a mature stream's articles are not looked at again)."""
        return not single.settled and single.born_at * SETTLE_GROWTH <= self.terms_df.documents

    def _settle(self, single: StoryState) -> bool:
        """Merges a one-member story into the best larger open story it now fits; whether it did."""
        single.settled = True
        view = self._story_view(single, self.options.candidate_keys)
        for candidate in self._rank(view, self.open_index, excluding=single.id):
            if candidate.score < self.options.adopt_threshold:
                return False
            story = candidate.story
            if len(story.members) > 1 and self._may_take(story, single):  # the open index holds open stories
                self._merge(single, story, candidate.score)
                return True
        return False

    def _may_take(self, story: StoryState, single: StoryState) -> bool:
        """Neither the sums of money their leads name nor the person the story is about keep them apart."""
        if _sums_differ(single.lead_amounts, story.lead_amounts):
            return False
        subject = story.subject(PERSON, self.options.subject_weight)
        return subject is None or _names(single, subject)  # the story may be about a person it does not name

    def _adopt_singles(self, story: StoryState) -> None:
        """Merges into ``story``, grown since they began, the one-member stories whose article fits it."""
        options = self.options
        if len(story.members) < options.adopt_target:
            return
        view = self._story_view(story, options.candidate_keys)
        for story_id in self.open_index.candidates(self._lookup_weights(view), options.max_candidates):
            single = self.stories.get(story_id)
            if single is None or single is story or len(single.members) != 1 or single.closed:
                continue
            if _gained_since(story, single) < options.adopt_growth or not self._may_take(story, single):
                continue
            fit = self._candidate(self._story_view(single, options.candidate_keys), story).score
            if fit >= options.adopt_threshold:
                self._merge(single, story, fit)

    def _about_different_people(self, one: StoryState, other: StoryState) -> bool:
        """Whether each story is about a person, and not the same one: two DUI arrests of one team's
        players a month apart read alike, but one story is about Jackson, the other about Williams."""
        least = self.options.subject_weight
        subjects = one.subject(PERSON, least), other.subject(PERSON, least)
        return None not in subjects and subjects[0] != subjects[1]

    def _story_view(self, story: StoryState, keep: int) -> DocumentView:
        """The story as one document: its ``keep`` heaviest terms and entities, IDF-weighted."""
        terms, term_norm = self._weighted(_heaviest(story.terms, keep * 4), self.terms_df)
        entities, entity_norm = self._weighted(_heaviest(story.entities, keep), self.entities_df)
        title_terms, years, leads = frozenset(story.title_terms), frozenset(story.years), frozenset(story.leads)
        dates, amounts = frozenset(story.lead_dates), frozenset(story.lead_amounts)
        return DocumentView(terms, entities, term_norm, entity_norm, title_terms, years, story.end, leads, dates, amounts)

    @staticmethod
    def _weighted(vector: SparseVector, df: DocumentFrequencies) -> tuple[SparseVector, float]:
        weighted = {key: value * df.idf(key) for key, value in vector.items()}
        return weighted, norm(weighted)

    def _merge(self, absorbed: StoryState, into: StoryState, score: float) -> None:
        self.open_index.remove(absorbed.id, absorbed.indexed)
        into.absorb_story(absorbed)
        into.refresh_norms(self.terms_df, self.entities_df)
        self.open_index.add(into.id, into.indexed)
        self.merges.append(Merge(absorbed.id, into.id, score))
        del self.stories[absorbed.id]
        self.aliases[absorbed.id] = into.id

    # --- stories, closing ----------------------------------------------------------------------

    def _new_story(self) -> StoryState:
        self._created += 1
        story = StoryState(id=f"{self.options.id_prefix}{self._created:06d}", born_at=self.terms_df.documents)
        self.stories[story.id] = story
        return story

    def _advance_clock(self, when: datetime | None) -> None:
        if when is None or (self.clock is not None and when <= self.clock):
            return
        self.clock = when
        while self._closing and self._closing[0][0] + self.options.quiet_period < when:
            _, story_id = heapq.heappop(self._closing)
            story = self.stories.get(story_id)
            if story is None or story.end is None or story.end + self.options.quiet_period >= when:
                continue  # gone, or a stale entry of a story that has grown since
            if not story.closed:
                self._close(story)
            elif story.end + self.options.forget_after + self.options.quiet_period < when:
                self.forget(story.id)

    def _close(self, story: StoryState) -> None:
        if len(story.members) == 1 and self._due_a_look(story) and self._settle(story):
            return  # gone into a larger story
        self.open_index.remove(story.id, story.indexed)
        story.compact(self.options.closed_summary_keys)
        story.closed = True
        self.closed_index.add(story.id, story.indexed)
        heapq.heappush(self._closing, (story.end + self.options.forget_after, story.id))

    def _reopen(self, story: StoryState) -> None:
        if story.closed:
            self.closed_index.remove(story.id, story.indexed)
            story.closed = False
            self.open_index.add(story.id, story.indexed)

    def forget(self, story_id: str) -> None:
        """Drops a closed story from memory (after it has been saved); its articles no longer resolve."""
        story = self.stories.pop(story_id, None)
        if story is None:
            return
        (self.closed_index if story.closed else self.open_index).remove(story.id, story.indexed)
        for article_id in story.members:
            self.story_of.pop(article_id, None)

    def _is_late(self, when: datetime | None) -> bool:
        return when is not None and self.clock is not None and when + self.options.quiet_period < self.clock


def _heaviest(vector: SparseVector, keep: int) -> SparseVector:
    return vector if len(vector) <= keep else {key: vector[key] for key in top_keys(vector, keep)}


def _gained_since(story: StoryState, other: StoryState) -> int:
    """How many of ``story``'s members arrived after ``other`` began."""
    return len(story.arrivals) - bisect.bisect_right(story.arrivals, other.arrivals[0])


def _grew_side_by_side(one: StoryState, other: StoryState, least: int) -> bool:
    return _gained_since(one, other) >= least and _gained_since(other, one) >= least


def _sums_differ(mine: Collection[float], theirs: Collection[float]) -> bool:
    """Whether both leads name sums of money and none of one side's is within ``SUM_RATIO`` of one of
    the other's: reports of one heist convert its haul to dollars, pounds and euros (85 million euros,
    $108 million, £74 million), another heist's haul is a different order of size (2 million euros)."""
    if not mine or not theirs:
        return False
    few, many = sorted((mine, theirs), key=len)
    ordered = sorted(few)  # a long story names many sums: a look-up each, not a pass over all pairs
    for sum_named in many:
        nearest = bisect.bisect_left(ordered, sum_named / SUM_RATIO)
        if nearest < len(ordered) and ordered[nearest] <= sum_named * SUM_RATIO:
            return False
    return True


def _names(story: StoryState, person: str) -> bool:
    """Whether the story names the person, as an entity or (NER calls a name many things) in its words."""
    if person in story.entities:
        return True
    words = tokens(person.split(":", 1)[1].replace("-", " "))
    return bool(words) and all(word in story.terms for word in words)
