import pytest


@pytest.fixture(scope="session")
def parse():
    from storytrace.nlp.quotes import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def extractor(parse):
    from storytrace.nlp.quotes import QuoteExtractor

    return QuoteExtractor(parse)
