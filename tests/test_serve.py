"""``flashgen serve`` over HTTP: every route of the page, with Starlette's TestClient.

Nothing is mocked: texts go through the real pipeline, downloads are imported into a real
Anki collection, and the cards the page previews are compared with the cards Anki renders.
"""

from __future__ import annotations

import html
import io
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki_helpers import all_notes, collection, import_apkg

pytest.importorskip("httpx2", reason="Starlette's TestClient needs httpx2 (the test extra)")
from starlette.testclient import TestClient  # noqa: E402

from flashgen.serve import work  # noqa: E402
from flashgen.serve.app import STATIC, create_app  # noqa: E402
from flashgen.study.curation import read_terms_tsv  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

# Our own short bilingual article: the city library opens a new building.
LIBRARY = """市图书馆新馆开放

The city library opens its new building

市图书馆新馆周六正式开放，馆内藏书超过八十万册。读者可以用身份证免费办理借书证。

The new building of the city library opened on Saturday with more than 800,000 books. \
Readers can get a free library card with their ID card.

新馆设有儿童阅览室和自习区，每天开放到晚上九点。图书馆还推出了电子书借阅服务，读者在家也能借阅电子书。

The new building has a children's reading room and a study area, and is open until 9 p.m. \
every day. The library has also launched an e-book lending service, so readers can borrow \
e-books at home.
"""
# Markup in a text, as a careless web page could give: it must stay text on every card.
HOSTILE = """<script>alert(1)</script>图书馆<img src=x onerror=alert(2)>推出电子书借阅服务。

The library <b onmouseover="x()">launched</b> an e-book lending service.
"""
ALL_CARDS = ["vocab_recognition", "vocab_recall", "cloze", "sentence_reading",
             "sentence_production"]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app, with its lifespan (the workspaces' folder is removed at the end)."""
    with TestClient(create_app(["127.0.0.1", "localhost", "testserver"])) as test_client:
        yield test_client


def _open(client: TestClient, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/open", **fields)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def opened(client: TestClient) -> dict[str, Any]:
    """The library article, pasted."""
    return _open(client, data={"text": LIBRARY, "name": "library"})


def _error(response: Any, status: int = 400) -> str:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert "\n" not in message and "Traceback" not in message
    return message


def _rows(opened: dict[str, Any]) -> list[dict[str, str]]:
    return [dict(row) for row in opened["terms"]]


# --- the page and its files -----------------------------------------------------------


def test_the_page_and_its_files_come_from_flashgen_itself(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'src="/static/page.js"' in page.text and 'href="/static/page.css"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("page.js", "page.css"):
        assert client.get(f"/static/{name}").status_code == 200
    # Text goes into the page as text: the script never parses strings as HTML.
    script = (STATIC / "page.js").read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)
    # No outside assets: nothing the page loads names another host.
    for path in STATIC.iterdir():
        assert not re.search(r"(src|href)=\"?(https?:)?//", path.read_text()), path.name
        assert "://" not in path.read_text(), path.name


def test_a_page_on_another_name_is_refused(client: TestClient) -> None:
    """Only the loopback names: a site cannot reach the server through a name of its own."""
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_serving_other_machines_answers_to_any_name() -> None:
    from flashgen.serve.app import _hosts

    assert _hosts("127.0.0.1") == ["127.0.0.1", "::1", "[::1]", "localhost"]
    assert _hosts("0.0.0.0") == ["*"]


# --- opening a text -------------------------------------------------------------------


def test_a_pasted_text_gives_its_pairs_and_terms(opened: dict[str, Any]) -> None:
    assert opened["deck"] == "library"
    assert opened["translated"] is True
    assert opened["cards"] == ["vocab_recognition", "vocab_recall", "sentence_reading"]
    pairs = {p["zh"]: p["en"] for p in opened["pairs"]}
    assert pairs["读者可以用身份证免费办理借书证。"].startswith("Readers can get a free library")
    terms = {t["term"]: t for t in opened["terms"]}
    library = terms["借书证"]  # library card
    assert library["pinyin"] == "jiè shū zhèng"
    assert library["gloss"] == "library card"
    assert library["gloss_source"] == "dictionary"
    assert set(work.TSV_COLUMNS) <= set(library)
    assert library["example_zh"] and library["why"]


def test_a_file_and_its_translation(client: TestClient) -> None:
    chinese = "\n\n".join(p for p in LIBRARY.split("\n\n")[::2])
    english = "\n\n".join(p for p in LIBRARY.split("\n\n")[1::2])
    got = _open(client, files={
        "source": ("library.zh.txt", chinese.encode()),
        "translation": ("library.en.txt", english.encode()),
    })
    assert got["deck"] == "市图书馆新馆开放"  # its headline, as `flashgen build` names it
    assert got["translated"] is True
    assert any(p["en"].startswith("Readers can") for p in got["pairs"])


def test_an_unnamed_paste_is_named_by_its_headline_on_the_page_and_in_the_deck(
    client: TestClient, tmp_path: Path
) -> None:
    got = _open(client, data={"text": LIBRARY})
    assert got["deck"] == "市图书馆新馆开放"
    response = client.post(f"/api/{got['workspace']}/download/apkg", json={"rows": _rows(got)})
    assert response.status_code == 200, response.text
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(response.content)
    with collection(tmp_path / "anki") as col:
        import_apkg(col, deck)
        names = {d.name for d in col.decks.all_names_and_ids()}
    assert "市图书馆新馆开放" in names


def test_a_recipe_with_its_texts(client: TestClient) -> None:
    recipe = b'name = "Unit 1"\n[[sources]]\npath = "library.txt"\nsubdeck = "Library"\n' \
             b"[cards]\ncloze = true\n"
    got = _open(client, files=[
        ("recipe", ("unit.toml", recipe)), ("recipe", ("library.txt", LIBRARY.encode())),
    ])
    assert got["deck"] == "Unit 1"
    assert "cloze" in got["cards"]


def test_a_curated_list_sent_with_the_text_is_the_term_list(client: TestClient) -> None:
    listed = "term\tpinyin\tgloss\n借书证\t\tlibrary card\n图书馆\t\t\n"
    got = _open(client, data={"text": LIBRARY, "name": "library"},
                files={"terms": ("list.tsv", listed.encode())})
    assert [(t["term"], t["gloss"]) for t in got["terms"]][:1] == [("借书证", "library card")]
    assert [t["term"] for t in got["terms"]] == ["借书证", "图书馆"]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"data": {"text": "  "}}, "nothing to open"),
        ({"data": {"text": "Only English here, nothing else at all."}}, "pasted.txt"),
        ({"data": {"text": LIBRARY}, "files": {"source": ("a.txt", LIBRARY.encode())}},
         "both a pasted text and a file"),
        ({"files": [("recipe", ("a.toml", b"name = 1\n"))]}, "must be a string"),
        ({"files": [("recipe", ("a.toml", b'[[sources]]\npath = "gone.txt"\n'))]},
         "choose the recipe and all its texts together"),
    ],
)
def test_bad_input_gets_the_command_lines_one_line(
    client: TestClient, fields: dict[str, Any], words: str
) -> None:
    message = _error(client.post("/api/open", **fields))
    assert words in message
    assert "flashgen-" not in message, "the workspace's temporary folder leaked into the message"


def test_an_upload_over_the_limit_is_refused_with_413(client: TestClient) -> None:
    big = ("图书馆" * (work.MAX_UPLOAD // 9 + 10)).encode()
    message = _error(client.post("/api/open", files={"source": ("big.txt", big)}), 413)
    assert "5 MB limit" in message


def test_a_body_that_does_not_say_its_size_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"text=abc"

    response = client.post("/api/open", content=chunks(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert "Content-Length" in _error(response)


def test_progress_is_reported_under_the_requests_token(client: TestClient) -> None:
    assert client.get("/api/progress/nothing-yet").json()["stage"] == "waiting"
    client.post("/api/open?progress=tok1", data={"text": LIBRARY})
    last = client.get("/api/progress/tok1").json()
    assert last["stage"] == "annotating" and last["done"] == last["total"] > 0


# --- the term list: explain, add ------------------------------------------------------


def test_explain_says_why_a_term_ranked_where_it_did(
    client: TestClient, opened: dict[str, Any]
) -> None:
    term = opened["terms"][0]["term"]
    lines = client.get(f"/api/{opened['workspace']}/explain", params={"term": term}).json()
    assert re.match(rf"\d+\. {term} \(", lines["lines"][0])  # its rank and kind
    assert any("a card" in line for line in lines["lines"])


def test_a_selected_word_is_annotated_as_a_curated_list_would(
    client: TestClient, opened: dict[str, Any]
) -> None:
    row = client.post(f"/api/{opened['workspace']}/term", json={"text": "阅览室"}).json()
    assert row["term"] == "阅览室" and row["pinyin"] and row["gloss"]
    assert row["example_zh"].startswith("新馆设有儿童阅览室")
    assert "no Chinese" in _error(client.post(f"/api/{opened['workspace']}/term",
                                              json={"text": "abc"}))


def test_more_terms_are_the_next_the_filters_keep(
    client: TestClient, opened: dict[str, Any]
) -> None:
    listed = [r["term"] for r in opened["terms"]]
    where = f"/api/{opened['workspace']}/more"
    more = client.post(where, json={"terms": listed}).json()["terms"]
    assert 0 < len(more) <= work.MORE_TERMS
    assert not {r["term"] for r in more} & set(listed)
    assert all(r["pinyin"] and r["why"] is not None for r in more)
    # Best first: each below the listed terms' lowest score, and in falling order.
    scores = [float(r["score"]) for r in more]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] <= min(float(r["score"]) for r in opened["terms"])
    again = client.post(where, json={"terms": listed + [r["term"] for r in more]}).json()
    assert not {r["term"] for r in again["terms"]} & {r["term"] for r in more}
    assert "not a list" in _error(client.post(where, json={"terms": "借书证"}))


def test_an_unknown_workspace_or_a_broken_request_is_one_line(
    client: TestClient, opened: dict[str, Any]
) -> None:
    assert "open it again" in _error(client.post("/api/nope/preview", json={}))
    where = f"/api/{opened['workspace']}"
    assert "not JSON" in _error(client.post(f"{where}/preview", content=b"{"))
    assert "no term is ticked" in _error(client.post(f"{where}/download/apkg", json={"rows": []}))
    assert "no download" in _error(client.post(f"{where}/download/exe",
                                               json={"rows": _rows(opened)}))
    assert "not a number" in _error(client.post(f"{where}/download/apkg",
                                                json={"rows": _rows(opened), "timestamp": "x"}))
    assert "unknown card kind" in _error(client.post(
        f"{where}/download/apkg", json={"rows": _rows(opened), "cards": ["flash"]}))


# --- previews -------------------------------------------------------------------------


def _body(page: str) -> str:
    found = re.search(r'<div id="qa">(.*)</div></body>', page, re.DOTALL)
    assert found
    return found.group(1)


def test_previews_are_the_cards_anki_renders(
    client: TestClient, opened: dict[str, Any], tmp_path: Path
) -> None:
    """Every card type, front and back, is what Anki shows once the deck is imported."""
    where, rows = f"/api/{opened['workspace']}", _rows(opened)
    term = next(r for r in rows if r["term"] == "借书证")
    term["gloss"] = "library card (edited)"
    shown = client.post(f"{where}/preview",
                        json={"rows": rows, "term": "借书证", "cards": ALL_CARDS}).json()
    assert [c["card"] for c in shown["cards"]] == [
        "Recognition", "Recall", "Cloze", "Reading", "Production"]
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(client.post(f"{where}/download/apkg",
                                 json={"rows": rows, "cards": ALL_CARDS}).content)
    with collection(tmp_path / "anki") as col:
        import_apkg(col, deck)
        notes = all_notes(col)
    vocab = next(n for n in notes if n.fields.get("Hanzi") == "借书证")
    sentence = next(n for n in notes if n.notetype == "flashgen Sentence"
                    and n.fields["Chinese"] == html.escape(term["example_zh"]))
    for card in shown["cards"]:
        note = vocab if card["notetype"] == "flashgen Vocabulary" else sentence
        anki = note.card(card["card"])
        for mine, theirs in ((card["front_day"], anki.question), (card["back_day"], anki.answer)):
            assert _body(mine) == re.sub(r"^<style>.*?</style>", "", theirs, flags=re.DOTALL)
    backs = {card["card"]: _body(card["back_day"]) for card in shown["cards"]}
    assert "library card (edited)" in backs["Recognition"]
    assert "library card (edited)" in backs["Reading"]  # the sentence's word list too
    night = shown["cards"][0]["back_night"]
    assert 'class="card nightMode night_mode"' in night and ".card.nightMode" in night


def test_an_edited_reading_is_the_reading_everywhere_on_the_card(
    client: TestClient, opened: dict[str, Any]
) -> None:
    """藏 is cáng (to store) in 藏书 "library collection"; the teacher's zàng wins in the
    pinyin, the ruby over the characters and the sentence's word list alike."""
    rows = _rows(opened)
    next(r for r in rows if r["term"] == "藏书")["pinyin"] = "zàng shū"
    shown = client.post(f"/api/{opened['workspace']}/preview",
                        json={"rows": rows, "term": "藏书"}).json()
    backs = {card["card"]: _body(card["back_day"]) for card in shown["cards"]}
    assert '<span class="tone4">zàng</span>' in backs["Recognition"]
    assert "<ruby><rb>藏</rb><rt>zàng</rt></ruby>" in backs["Recall"]
    assert '<span class="tone4">zàng</span>' in backs["Reading"]
    assert "cáng" not in backs["Recall"].split('<div class="example">')[0]


def test_a_preview_shows_markup_from_the_text_as_text(client: TestClient) -> None:
    got = _open(client, data={"text": HOSTILE, "name": "hostile"})
    rows = _rows(got)
    term = rows[0]["term"]
    shown = client.post(f"/api/{got['workspace']}/preview",
                        json={"rows": rows, "term": term, "cards": ALL_CARDS}).json()
    for card in shown["cards"]:
        for side in ("front_day", "back_day"):
            assert "<script" not in card[side] and "<img" not in card[side]
            assert "onmouseover=" not in card[side].replace("onmouseover=&quot;", "")


def test_an_unticked_term_has_no_preview(client: TestClient, opened: dict[str, Any]) -> None:
    rows = [r for r in _rows(opened) if r["term"] != "借书证"]
    message = _error(client.post(f"/api/{opened['workspace']}/preview",
                                 json={"rows": rows, "term": "借书证"}))
    assert "not ticked" in message


# --- downloads ------------------------------------------------------------------------


def test_the_deck_has_the_edits_and_not_the_unticked(
    client: TestClient, opened: dict[str, Any], tmp_path: Path
) -> None:
    rows = _rows(opened)
    dropped = rows.pop(1)["term"]
    rows[0]["gloss"] = "edited on the page"
    rows.append(client.post(f"/api/{opened['workspace']}/term", json={"text": "阅览室"}).json())
    response = client.post(f"/api/{opened['workspace']}/download/apkg", json={"rows": rows})
    assert response.headers["content-disposition"] == "attachment; filename*=UTF-8''library.apkg"
    deck = tmp_path / "library.apkg"
    deck.write_bytes(response.content)
    with collection(tmp_path / "anki") as col:
        import_apkg(col, deck)
        notes = {n.fields["Hanzi"]: n for n in all_notes(col) if "Hanzi" in n.fields}
    assert dropped not in notes
    assert set(notes) == {r["term"] for r in rows}
    assert notes[rows[0]["term"]].fields["English"] == "edited on the page"
    assert "阅览室" in notes


@pytest.mark.parametrize(
    ("kind", "name"),
    [("csv", "library.csv"), ("pleco", "library.txt"), ("pdf", "library.pdf"),
     ("html", "library.html")],
)
def test_every_export_downloads_as_build_terms_writes_it(
    client: TestClient, opened: dict[str, Any], kind: str, name: str, tmp_path: Path
) -> None:
    from flashgen.pipeline import build
    from flashgen.study.recipe import recipe_from_options

    rows = _rows(opened)
    rows[0]["gloss"] = "edited for the export"
    where = f"/api/{opened['workspace']}"
    response = client.post(f"{where}/download/{kind}", json={"rows": rows})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].endswith(name)
    if kind == "pdf":  # its bytes carry the time it was made
        assert response.content.startswith(b"%PDF")
        return
    listed = tmp_path / "list.tsv"
    listed.write_bytes(client.post(f"{where}/download/tsv", json={"rows": rows}).content)
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "library.txt"
    source.write_text(LIBRARY, encoding="utf-8")

    # The name typed beside the paste names the deck, as --name does.
    build(recipe_from_options([source], name="library"), tmp_path / name, curated=listed)
    assert response.content == (tmp_path / name).read_bytes()
    assert "edited for the export" in response.content.decode("utf-8-sig")


def test_the_term_list_downloads_as_the_tsv_build_reads(
    client: TestClient, opened: dict[str, Any], tmp_path: Path
) -> None:
    rows = _rows(opened)
    rows[0]["gloss"] = "a gloss\twith a tab"
    rows[1]["gloss"] = '"quoted" words, and a " alone'
    response = client.post(f"/api/{opened['workspace']}/download/tsv", json={"rows": rows})
    listed = tmp_path / "list.tsv"
    listed.write_bytes(response.content)
    assert response.content.decode().splitlines()[0].split("\t") == list(work.TSV_COLUMNS)
    curated = read_terms_tsv(listed)
    assert [c.term for c in curated] == [r["term"] for r in rows]
    assert curated[0].gloss == "a gloss with a tab"
    assert curated[1].gloss == '"quoted" words, and a " alone'


def test_the_page_and_build_terms_make_the_same_deck(
    client: TestClient, tmp_path: Path
) -> None:
    """The same curated list gives a byte-identical deck through the page and the CLI."""
    source = REPO / "decks" / "sample-health.txt"
    got = _open(client, files={"source": (source.name, source.read_bytes())})
    rows = _rows(got)
    del rows[2]
    rows[0]["gloss"] = "jab (edited)"
    rows[1]["pinyin"] = "jiē zhǒng lǜ"
    where = f"/api/{got['workspace']}"
    listed = tmp_path / "list.tsv"
    listed.write_bytes(client.post(f"{where}/download/tsv", json={"rows": rows}).content)
    page = client.post(f"{where}/download/apkg",
                       json={"rows": rows, "timestamp": 1_700_000_000}).content
    cli = tmp_path / "cli.apkg"
    done = subprocess.run(
        [sys.executable, "-m", "flashgen", "build", str(source), "--terms", str(listed),
         "--timestamp", "1700000000", "-o", str(cli)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert page == cli.read_bytes()
    with zipfile.ZipFile(io.BytesIO(page)) as archive:
        assert "collection.anki2" in archive.namelist()


def test_serve_refuses_a_port_in_use_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "flashgen", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60, check=False,
        )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr


def test_serve_open_opens_the_page_in_the_browser(tmp_path: Path) -> None:
    """--open hands the page's address to the user's browser ($BROWSER, as Python's
    webbrowser module reads it; here a command that writes down what it was given)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    opened = tmp_path / "opened.txt"
    writer = "import sys; open(sys.argv[1], 'w').write(sys.argv[2])"
    browser = shlex.join([sys.executable, "-c", writer, str(opened)]) + " %s"
    server = subprocess.Popen(
        [sys.executable, "-m", "flashgen", "serve", "--port", str(port), "--open"],
        env={**os.environ, "BROWSER": browser}, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (opened.is_file() and opened.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text() == f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert f"http://127.0.0.1:{port}/" in server.stderr.read()
