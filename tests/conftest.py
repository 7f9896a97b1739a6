import pytest


@pytest.fixture(scope="session")
def analyzer():
    from storytrace.nlp.pipeline import Analyzer

    return Analyzer()
