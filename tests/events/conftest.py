import pytest


@pytest.fixture(scope="session")
def coder():
    from storytrace.nlp.events import EventCoder
    from storytrace.nlp.quotes import load_parser

    return EventCoder(load_parser())
