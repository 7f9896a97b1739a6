"""Where the bundled examples are, for tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = EXAMPLES / "seeds"
SEED_000 = SEEDS / "000_86b96b84a695d559.txt"
SEED_003 = SEEDS / "003_1508c65b7f82f917.txt"
ECB_SAMPLE = EXAMPLES / "ecbplus" / "sample.jsonl"
