"""Recall@k of catalog search on the judged queries of search_judgments.json.

Shared by `make bench` (bench_search.py, on PostgreSQL with the benchmark settings) and the test
suite (tests/courses/test_search_recall.py, on the test database), so both score the same way:
a query's recall@k is the share of its expected courses among the first k results, out of
min(k, number expected); a language's and the overall recall are the means over their queries.
Imports nothing of the project: the caller brings a `search(language, query) -> slugs`.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

JUDGMENTS = Path(__file__).with_name("search_judgments.json")

__all__ = ["JUDGMENTS", "evaluate", "failing", "load_judgments", "recall_at"]


def load_judgments() -> dict[str, Any]:
    return json.loads(JUDGMENTS.read_text(encoding="utf-8"))


def recall_at(k: int, found: list[str], expected: list[str]) -> float:
    """Share of `expected` among the first `k` of `found`, out of min(k, len(expected))."""
    hits = len(set(found[:k]) & set(expected))
    return hits / min(k, len(expected))


def evaluate(search: Callable[[str, str], list[str]]) -> dict[str, Any]:
    """Every judged query through `search`: per query, per language (in file order), overall."""
    judgments = load_judgments()
    k = judgments["k"]
    queries = []
    for judged in judgments["queries"]:
        found = search(judged["language"], judged["query"])
        queries.append(
            {
                "language": judged["language"],
                "query": judged["query"],
                "expected": judged["expected"],
                "found": found[:k],
                "recall": recall_at(k, found, judged["expected"]),
            }
        )
    languages: dict[str, list[float]] = {}
    for query in queries:
        languages.setdefault(query["language"], []).append(query["recall"])
    return {
        "k": k,
        "goal": judgments["goal"],
        "queries": queries,
        "languages": {
            language: {"queries": len(values), "recall": sum(values) / len(values)}
            for language, values in languages.items()
        },
        "recall": sum(query["recall"] for query in queries) / len(queries),
    }


def failing(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The queries that missed an expected course in their first k results."""
    return [query for query in results["queries"] if query["recall"] < 1]
