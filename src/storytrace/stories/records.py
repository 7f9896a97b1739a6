"""The story record: members with their role, a headline from the most original member, span, entities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from storytrace.model import Article, ReuseLink, Story, StoryMember
from storytrace.stories.clusterer import StoryClusterer
from storytrace.stories.features import first_line


def build_story(
    story_id: str, articles: Sequence[Article], links: Sequence[ReuseLink] = (), merged_into: str | None = None
) -> Story:
    """``articles`` in arrival order; ``links`` are reuse links among them (others are ignored)."""
    roles = member_roles(articles, links)
    original = next((a for a in _by_time(articles) if roles[a.id] == "original"), None)
    dates = [a.published for a in articles if a.published is not None]
    return Story(
        id=story_id,
        headline=headline_of(original) if original else "",
        start=min(dates, default=None),
        end=max(dates, default=None),
        members=[StoryMember(a.id, roles[a.id]) for a in articles],
        entity_ids=story_entities(articles),
        merged_into=merged_into,
    )


def build_stories(
    clusterer: StoryClusterer, articles: Mapping[str, Article], links: Sequence[ReuseLink] = ()
) -> list[Story]:
    """Records of the clusterer's live stories, over the given articles (members not given are left out)."""
    stories = []
    for state in clusterer.live_stories():
        members = [articles[i] for i in state.members if i in articles]
        if members:
            stories.append(build_story(state.id, members, links))
    return stories


def member_roles(articles: Sequence[Article], links: Sequence[ReuseLink]) -> dict[str, str]:
    """Derived articles are copies; sources no link derives are originals; the rest independent.
    Without usable links the earliest article is the original."""
    ids = {a.id for a in articles}
    inside = [link for link in links if link.source_id in ids and link.derived_id in ids]
    derived = {link.derived_id for link in inside}
    sources = {link.source_id for link in inside} - derived
    if not sources:
        earliest = _by_time(articles)[0].id if articles else None
        sources = {earliest} - derived if earliest else set()
    return {a.id: "copy" if a.id in derived else "original" if a.id in sources else "independent" for a in articles}


def _by_time(articles: Sequence[Article]) -> list[Article]:
    """Dated articles by date, before the undated; ties keep arrival order."""
    def key(article: Article) -> tuple[bool, datetime]:
        when = article.published
        return (when is None, when.replace(tzinfo=None) if when else datetime.max)

    return sorted(articles, key=key)


def headline_of(article: Article) -> str:
    return (article.title or first_line(article.clean_text or article.text)).strip()


def story_entities(articles: Sequence[Article], limit: int = 50) -> list[str]:
    """Entity ids the members mention, the most mentioned first."""
    counts = Counter(m.entity_id for a in articles for m in a.mentions if m.entity_id)
    return [entity_id for entity_id, _ in counts.most_common(limit)]
