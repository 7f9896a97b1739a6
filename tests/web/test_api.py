"""The JSON API through the real app, on the database built from the bundled examples."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from fastapi.testclient import TestClient

from storytrace.store.stories import save_merge
from storytrace.web.app import create_app
from tests.web.conftest import COPY_ID, STORY_ID, XSS_ID


def error_of(response) -> str:
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


def test_article_list_pages_through_every_article_once(client):
    first = client.get("/api/articles", params={"limit": 15}).json()
    second = client.get("/api/articles", params={"limit": 15, "offset": 15}).json()
    assert first["total"] == second["total"] == 22
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 22


def test_article_list_is_newest_first_with_undated_last(client):
    items = client.get("/api/articles", params={"limit": 200}).json()["items"]
    dated = [item["published"] for item in items if item["published"]]
    assert dated == sorted(dated, reverse=True)
    assert items[0]["id"] == XSS_ID and items[-1]["published"] is None


def test_article_filters(client, web_data):
    by_source = client.get("/api/articles", params={"source": "copycat.example"}).json()
    assert [item["id"] for item in by_source["items"]] == [COPY_ID]
    by_country = client.get("/api/articles", params={"country": "jpn", "limit": 200}).json()
    assert {web_data.seed_000, web_data.seed_003, COPY_ID} <= {item["id"] for item in by_country["items"]}
    by_entity = client.get("/api/articles", params={"entity": "country:JPN", "limit": 200}).json()
    assert by_entity["total"] == by_country["total"]
    in_story = client.get("/api/articles", params={"story": STORY_ID}).json()
    assert {item["id"] for item in in_story["items"]} == {web_data.seed_000, web_data.seed_003, COPY_ID}


def test_date_range_filter_is_inclusive(client):
    found = client.get("/api/articles", params={"since": "2021-03-20", "until": "2021-03-20"}).json()
    assert [item["id"] for item in found["items"]] == [COPY_ID]
    assert client.get("/api/articles", params={"since": "2030-01-01"}).json()["total"] == 0


def test_article_detail_carries_removals_entities_and_derivation(client, web_data):
    seed = client.get(f"/api/articles/{web_data.seed_003}").json()
    assert seed["dateline"]["wire"] == "Reuters"
    assert any("Register now" in removal["text"] for removal in seed["removals"])
    assert any(entity["id"] == "country:JPN" for entity in seed["entities"])
    copy = client.get(f"/api/articles/{COPY_ID}").json()
    assert copy["story_id"] == STORY_ID
    assert copy["derived_from"][0]["source_id"] == web_data.seed_003
    assert copy["derived_from"][0]["artifacts"][0]["source_text"] == "grave"


def test_sources_and_source_detail(client, web_data):
    sources = client.get("/api/sources").json()
    assert {"copycat.example", "evil.example"} <= {item["name"] for item in sources["items"]}
    copycat = client.get("/api/sources/copycat.example").json()
    assert copycat["stats"]["articles"] == 1 and copycat["stats"]["derived"] == 1
    assert copycat["stats"]["derived_uncredited"] == 1


def test_entities_list_filters_and_detail(client):
    countries = client.get("/api/entities", params={"kind": "country", "limit": 200}).json()
    assert countries["items"] and all(item["kind"] == "country" for item in countries["items"])
    named = client.get("/api/entities", params={"name": "Jap"}).json()
    assert "country:JPN" in {item["id"] for item in named["items"]}
    japan = client.get("/api/entities/country:JPN").json()
    assert japan["entity"]["articles"] >= 3
    assert sum(period["articles"] for period in japan["timeline"]) == japan["entity"]["articles"]
    assert "2021-03" in {period["period"] for period in japan["timeline"]}


def test_search_finds_by_words(client, web_data):
    found = client.get("/api/search", params={"q": "rules-based order"}).json()
    assert web_data.seed_003 in {item["id"] for item in found["items"]}
    assert all(item["snippet"] for item in found["items"])


def test_stories_links_quotes_events(client, web_data):
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1
    summary = stories["items"][0]
    assert (summary["id"], summary["articles"], summary["copies"]) == (STORY_ID, 3, 1)
    assert [entity["id"] for entity in summary["top_entities"]][:2] == ["country:JPN", "country:USA"]
    story = client.get(f"/api/stories/{STORY_ID}").json()
    assert {member["role"] for member in story["members"]} == {"original", "copy", "independent"}
    assert len(story["links"]) == 1 and story["comparison"]["differences"]
    links = client.get("/api/links", params={"article": COPY_ID}).json()
    assert links["total"] == 1
    link = client.get(f"/api/links/{links['items'][0]['id']}").json()
    assert link["kind"] == "spun" and link["evidence"]
    assert client.get("/api/links", params={"kind": "copy"}).json()["total"] == 0
    quotes = client.get("/api/quotes").json()
    assert quotes["total"] == 2 and quotes["items"][0]["text"].startswith("They are resolved")
    assert {quote["article_id"] for quote in story["quotes"]} == {web_data.seed_003}
    events = client.get("/api/events").json()["items"]
    assert [(e["type"], e["actor"], e["recipient"]) for e in events] == [("CONSULT", "The United States", "Japan")]
    assert events[0]["text"].startswith("The United States and Japan on Friday")


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/articles", {"limit": 0}, 422),
        ("/api/articles", {"limit": 5000}, 422),
        ("/api/articles", {"offset": -1}, 422),
        ("/api/articles", {"since": "yesterday"}, 422),
        ("/api/articles", {"since": "2021-03-02", "until": "2021-03-01"}, 400),
        ("/api/articles", {"country": "Japan"}, 422),
        ("/api/entities", {"kind": "planet"}, 422),
        ("/api/links", {"kind": "stolen"}, 422),
        ("/api/links/abc", {}, 422),
        ("/api/search", {}, 422),
        ("/api/search", {"q": "?!"}, 400),
        ("/api/articles/no-such-article", {}, 404),
        ("/api/stories/no-such-story", {}, 404),
        ("/api/entities/person:nobody", {}, 404),
        ("/api/sources/nowhere.example", {}, 404),
        ("/api/links/999", {}, 404),
        ("/api/nothing-here", {}, 404),
    ],
)
def test_bad_requests_answer_4xx_json_with_a_message(client, path, params, status):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error_of(response)


def test_errors_name_the_parameter(client):
    assert "limit" in error_of(client.get("/api/articles", params={"limit": 0}))
    assert "no-such-article" in error_of(client.get("/api/articles/no-such-article"))


def test_every_response_carries_a_strict_content_security_policy(client):
    for path in ("/", "/api/articles", "/static/app.css", "/api/nothing-here"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_openapi_schema_lists_the_api_and_no_pages(client):
    paths = client.get("/openapi.json").json()["paths"]
    expected = {"/api/articles", "/api/articles/{article_id}", "/api/sources", "/api/sources/{name}", "/api/entities",
                "/api/entities/{entity_id}", "/api/search", "/api/stories", "/api/stories/{story_id}", "/api/links",
                "/api/links/{link_id}", "/api/quotes", "/api/events"}  # fmt: skip
    assert expected <= set(paths)
    assert not any(not path.startswith("/api/") for path in paths)
    assert client.get("/docs").status_code == 404  # the docs page would load scripts from a CDN


# --- writing ----------------------------------------------------------------------------------

NEW_ARTICLE = {"id": "posted-1", "site": "new.example", "title": "Japan posts", "text": "Japan and the United States met in Tokyo on Monday to talk trade."}


@pytest.fixture
def writable(web_data, analyzer, tmp_path):
    db = tmp_path / "writable.db"
    shutil.copy(web_data.db, db)
    return TestClient(create_app(db, write_token="s3cret", analyzer=analyzer))


def test_posting_is_refused_when_no_token_is_configured(client):
    response = client.post("/api/articles", json=NEW_ARTICLE, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert "disabled" in error_of(response)


def test_posting_needs_the_right_token(writable):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
        response = writable.post("/api/articles", json=NEW_ARTICLE, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/articles/posted-1").status_code == 404


def test_posting_with_the_token_stores_the_article(writable):
    auth = {"Authorization": "Bearer s3cret"}
    response = writable.post("/api/articles", json=NEW_ARTICLE, headers=auth)
    assert response.status_code == 201
    assert response.json() == {"id": "posted-1", "status": "stored", "reason": None}
    stored = writable.get("/api/articles/posted-1").json()
    assert stored["site"] == "new.example" and any(e["id"] == "country:JPN" for e in stored["entities"])
    again = writable.post("/api/articles", json=NEW_ARTICLE, headers=auth)
    assert again.json()["status"] == "already-stored"


def test_posting_bad_bodies_is_a_400_with_the_reason(writable):
    auth = {"Authorization": "Bearer s3cret"}
    not_json = writable.post("/api/articles", content=b"{not json", headers=auth)
    assert not_json.status_code == 400 and "invalid JSON" in error_of(not_json)
    no_text = writable.post("/api/articles", json={"title": "empty"}, headers=auth)
    assert no_text.status_code == 400 and "text" in error_of(no_text)


def test_oversized_bodies_are_refused_with_413(web_data, tmp_path):
    db = tmp_path / "capped.db"
    shutil.copy(web_data.db, db)
    capped = TestClient(create_app(db, write_token="s3cret", max_body_bytes=1000))
    body = {"text": "word " * 1000}
    response = capped.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 413 and "cap" in error_of(response)


def test_a_merged_away_story_redirects_to_the_story_it_went_into(web_data, tmp_path):
    db = tmp_path / "merged.db"
    shutil.copy(web_data.db, db)
    with sqlite3.connect(db) as connection:
        save_merge(connection, "story-000777", "story-000778", 0.9)
        save_merge(connection, "story-000778", STORY_ID, 0.8)  # merged on, later
    client = TestClient(create_app(db))
    moved = client.get("/api/stories/story-000777", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == f"/api/stories/{STORY_ID}"
    assert client.get("/api/stories/story-000777").json()["story"]["id"] == STORY_ID
    page = client.get("/stories/story-000777", follow_redirects=False)
    assert page.status_code == 308 and page.headers["location"] == f"/stories/{STORY_ID}"
    assert client.get("/api/stories/story-000999").status_code == 404
