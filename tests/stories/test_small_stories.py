"""Small stories: a surer match to join one, adoption of an article left alone, and stories grown
side by side kept apart."""

from __future__ import annotations

from collections import Counter

from storytrace.stories.clusterer import ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures
from storytrace.stories.pairs import FEATURE_NAMES, PairModel

# Joins when the term cosine is at least 0.4 (as in test_clusterer).
TEXT_ONLY = PairModel(tuple(10.0 if name == "text" else 0.0 for name in FEATURE_NAMES), -4.0)


def article(article_id: str, words: str) -> ArticleFeatures:
    return ArticleFeatures(article_id, Counter(words.split()), Counter(), title=words)


def clusterer(**options) -> StoryClusterer:
    options.setdefault("model", TEXT_ONLY)
    options.setdefault("merge_threshold", 2.0)
    return StoryClusterer(ClusterOptions(**options))

QUAKE = "quake lima peru magnitude dead injured"
# Scores 0.82 against a story of QUAKE alone (TEXT_ONLY): enough for a story, not for one article.
RESCUE = "quake lima peru rescue teams arrive"


def test_joining_a_one_member_story_takes_a_surer_match():
    for small_threshold, joins in ((0.85, False), (0.6, True)):
        stories = clusterer(small_threshold=small_threshold)
        quake = stories.assign(article("a", QUAKE))
        stories.assign(article("x", "rehab singer clinic malibu"))
        placed = stories.place(article("b", RESCUE))
        assert 0.6 < stories.candidates(stories.observe(article("probe", RESCUE)))[0].score
        assert (placed.story_id == quake) is joins


def test_a_story_of_two_takes_a_match_one_article_could_not():
    stories = clusterer()
    quake = stories.assign(article("a", QUAKE))
    stories.assign(article("x", "rehab singer clinic malibu"))
    assert stories.assign(article("a2", "quake lima peru magnitude dead rescue")) == quake
    placed = stories.place(article("b", RESCUE))
    assert placed.story_id == quake and placed.score < 0.85  # 0.76


def quake_stream(lone: ArticleFeatures, people: Counter[str] | None = None, **options):
    """A quake story, an article on it left alone (its words not yet the story's), then two more
    members that bring the story round to the lone article's words."""
    stories = clusterer(**options)
    people = people or Counter()

    def member(article_id: str, words: str) -> ArticleFeatures:
        return ArticleFeatures(article_id, Counter(words.split()), Counter(people), title=words)

    stories.assign(member("s1", QUAKE))
    stories.assign(member("s2", "quake lima peru magnitude dead rescue"))
    stories.assign(article("x", "rehab singer clinic malibu"))
    alone = stories.place(lone)
    assert alone.via == "new"
    stories.assign(member("s3", "quake lima peru magnitude aftershock tents"))
    stories.assign(member("s4", "quake lima peru dead aftershock survivors"))
    return stories


LONE = "lima peru aftershock tents survivors"


def test_an_article_left_alone_is_adopted_by_the_story_once_it_has_grown():
    stories = quake_stream(article("lone", LONE))
    assert stories.story_for("lone") == stories.story_for("s1")
    assert [merge.score for merge in stories.merges if merge.into == stories.story_for("s1")]
    apart = quake_stream(article("lone", LONE), adopt_threshold=2.0)
    assert apart.story_for("lone") != apart.story_for("s1")


def test_no_adoption_of_an_article_that_does_not_name_the_story_s_subject():
    garcia = Counter({"person:garcia": 3})  # 1 + ln 3 = 2.1 a member: the story is about Garcia
    unnamed = ArticleFeatures("lone", Counter(LONE.split()), Counter(), title=LONE)
    stories = quake_stream(unnamed, garcia)
    assert stories.story_for("lone") != stories.story_for("s1")
    named = ArticleFeatures("lone", Counter(LONE.split()), Counter({"person:garcia": 1}), title=LONE)
    stories = quake_stream(named, garcia)
    assert stories.story_for("lone") == stories.story_for("s1")


def test_a_subject_named_in_the_words_counts_whatever_ner_made_of_the_name():
    garcia = Counter({"person:garcia": 3})
    words = LONE + " garcia"  # "Garcia Foundation" to NER: an organisation, not the person
    mislabelled = ArticleFeatures("lone", Counter(words.split()), Counter({"org:garcia-foundation": 1}), title=words)
    stories = quake_stream(mislabelled, garcia)
    assert stories.story_for("lone") == stories.story_for("s1")


def grown(order: list[tuple[str, str]], **options):
    """Stories grown from ``order`` (nothing merges meanwhile), then an article bridging them placed
    with merging on."""
    stories = clusterer(threshold=0.95, small_threshold=0.95, **options)
    for article_id, words in order:
        stories.assign(article(article_id, words))
    stories.options.merge_threshold = 0.5
    stories.assign(article("bridge", "alpha beta gamma delta"))
    return stories


def test_stories_grown_side_by_side_do_not_merge():
    side_by_side = [item for n in range(4) for item in ((f"a{n}", "alpha beta gamma"), (f"b{n}", "alpha beta delta"))]
    apart = grown(side_by_side)
    assert apart.merges == [] and apart.story_for("a0") != apart.story_for("b0")
    unguarded = grown(side_by_side, parallel_growth=10**9)
    assert len(unguarded.merges) == 1 and unguarded.story_for("a0") == unguarded.story_for("b0")
    one_then_other = [(f"a{n}", "alpha beta gamma") for n in range(4)] + [(f"b{n}", "alpha beta delta") for n in range(4)]
    merged = grown(one_then_other)
    assert len(merged.merges) == 1 and merged.story_for("a0") == merged.story_for("b0")
