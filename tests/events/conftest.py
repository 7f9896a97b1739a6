import pytest


@pytest.fixture(scope="session")
def coder():
    from storytrace.nlp.events import EventCoder
    from storytrace.nlp.quotes import load_parser

    return EventCoder(load_parser())


@pytest.fixture(scope="session")
def coded(coder):
    """The one event the coder finds in a sentence (failing the test when it finds none)."""

    def code(sentence):
        event = coder.code_sentence(sentence)
        assert event is not None, sentence
        return event

    return code
