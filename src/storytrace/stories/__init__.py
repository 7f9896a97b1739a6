"""Online story clustering and the cross-source comparison of a story."""

from storytrace.stories.clusterer import Assignment, ClusterOptions, Merge, StoryClusterer
from storytrace.stories.compare import StoryComparison, compare_story
from storytrace.stories.features import ArticleFeatures, features_from_article
from storytrace.stories.records import build_stories, build_story

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "ClusterOptions",
    "Merge",
    "StoryClusterer",
    "StoryComparison",
    "build_stories",
    "build_story",
    "compare_story",
    "features_from_article",
]
