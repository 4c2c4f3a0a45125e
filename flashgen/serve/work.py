"""What each request of the page does, over :mod:`flashgen.pipeline` and nothing else.

A text the page receives (pasted, uploaded, or a recipe with its texts) is written to a
folder of its own, a *workspace*, and read from there by path, exactly as the command line
reads a file. The term list the page shows is ``flashgen terms --format tsv``'s; what the
teacher makes of it (terms unticked, glosses and readings edited, terms added) comes back
as rows of that TSV, and every preview and download is ``build --terms LIST.tsv`` over
them: the same curation (:mod:`flashgen.study.curation`), so the same deck.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashgen.errors import FlashgenError, InputError
from flashgen.pipeline import Corpus, Progress, read_corpus
from flashgen.records import AnnotatedTerm
from flashgen.study.curation import TSV_COLUMNS, tsv_cell
from flashgen.study.curation import term_row as list_row
from flashgen.study.recipe import Recipe

#: The most bytes one request may upload: a long novel is 3 MB.
MAX_UPLOAD = 5 * 1024 * 1024
#: Workspaces kept at once; opening another removes the oldest (a page holds one).
MAX_WORKSPACES = 16
#: Downloads: what the page calls each, and the output suffix the build takes it from.
DOWNLOADS = {"apkg": ".apkg", "csv": ".csv", "pleco": ".txt", "pdf": ".pdf", "html": ".html"}

_UNSAFE = re.compile(r"[^\w .()\-]+")

#: One build at a time: the pipeline's lazily loaded tables are not built for threads, and
#: two builds on two cores would only slow each other.
_PIPELINE = threading.Lock()


@dataclass(frozen=True)
class Upload:
    """A file the page sent: the name it had on the user's machine, and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Workspace:
    """An opened text: its folder, its recipe (paths into the folder) and its corpus."""

    key: str
    folder: Path
    recipe: Recipe
    corpus: Corpus


def safe_name(name: str, default: str) -> str:
    """A file name for an upload: its last part, without characters a path would mind."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", last).strip(" .")
    return cleaned[:100] or default


def plain_message(error: InputError, folder: Path) -> str:
    """The error's one line, naming files as the user named them, not by their workspace."""
    message = str(error).replace(f"{folder / 'texts'}/", "").replace(f"{folder}/", "")
    return message.replace(str(folder), "the upload")


class Workspaces:
    """The workspaces of one server, in one temporary folder removed when it stops."""

    def __init__(self) -> None:
        from flashgen.files.atomic import temp_prefix

        # Named as flashgen's temporaries are, so a later build removes it if we are killed.
        self.root = Path(tempfile.mkdtemp(prefix=f"{temp_prefix()}serve-"))
        self._open: dict[str, Workspace] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        key = secrets.token_urlsafe(12)
        folder = self.root / key
        (folder / "texts").mkdir(parents=True)
        return key, folder

    def add(self, workspace: Workspace) -> None:
        with self._lock:
            self._open[workspace.key] = workspace
            while len(self._open) > MAX_WORKSPACES:
                oldest = next(iter(self._open))
                shutil.rmtree(self._open.pop(oldest).folder, ignore_errors=True)

    def get(self, key: str) -> Workspace:
        with self._lock:
            found = self._open.get(key)
        if found is None:
            raise InputError("this text is no longer open (the server was restarted, or many "
                             "texts were opened since): open it again")
        return found

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


#: A text of our own, bilingual, that makes the pipeline load what every text needs.
_WARM_UP = (
    "市图书馆新馆今天开放，读者可以用借书证免费借阅电子书。\n\n"
    "The new city library opens today, and readers can borrow e-books for free with a "
    "library card.\n\n"
    "新馆设有儿童阅览室，电子书借阅服务每天开放。\n\n"
    "The new building has a children's reading room, and the e-book lending service is "
    "open every day.\n"
)


def warm_up(workspaces: Workspaces) -> None:
    """Run the pipeline once on a text of our own, so that the first text a user opens
    does not wait for CC-CEDICT, jieba's dictionary and the pinyin tables to load (1 to
    3 s here); run in a thread once the page has been served."""
    from flashgen.pipeline import vocabulary
    from flashgen.study.recipe import recipe_from_options

    path = workspaces.root / "warm-up.txt"
    try:
        path.write_text(_WARM_UP, encoding="utf-8")
        recipe = recipe_from_options([path])
        with _PIPELINE:
            vocabulary(recipe, read_corpus(recipe.sources))
    except (FlashgenError, OSError):
        pass  # the server stopped meanwhile; a real text would load the same data anyway


def _save(folder: Path, upload: Upload, default: str, taken: set[str]) -> Path:
    name = safe_name(upload.name, default)
    while name in taken:
        name = f"_{name}"
    taken.add(name)
    path = folder / name
    path.write_bytes(upload.data)
    return path


def _recipe_for(
    texts: Path,
    *,
    text: str,
    name: str,
    source: Upload | None,
    translation: Upload | None,
    recipe_files: Sequence[Upload],
) -> Recipe:
    """The recipe of what was sent: a recipe file with its texts, a text file, or a paste."""
    from flashgen.study.recipe import load_recipe, recipe_from_options

    taken: set[str] = set()
    tomls = [u for u in recipe_files if u.name.lower().endswith(".toml")]
    if recipe_files:
        if len(tomls) != 1:
            raise InputError(
                f"choose one recipe (.toml) with its texts, not {len(tomls)} recipes"
            )
        if source is not None or translation is not None or text.strip():
            raise InputError("a recipe names its own texts and translations: open the recipe "
                             "alone, or a text without it")
        paths = [_save(texts, u, "recipe.toml", taken) for u in recipe_files]
        try:
            return load_recipe(paths[recipe_files.index(tomls[0])])
        except InputError as error:
            if "not found" not in str(error) and "matches no file" not in str(error):
                raise
            raise InputError(f"{error}; on this page, choose the recipe and all its texts "
                             "together (in one folder)") from None
    if source is not None:
        if text.strip():
            raise InputError("both a pasted text and a file were given: clear one of them")
        path = _save(texts, source, "text.txt", taken)
    elif text.strip():
        stem = safe_name(name, "pasted") if name.strip() else "pasted"
        path = texts / f"{stem}.txt"
        taken.add(path.name)
        path.write_text(text, encoding="utf-8")
    else:
        raise InputError("nothing to open: paste a text, or choose a text file or a recipe")
    en = _save(texts, translation, "translation.txt", taken) if translation else None
    # A name typed beside a paste names the deck, as --name does on the command line.
    typed = name.strip() if source is None and text.strip() else ""
    return recipe_from_options([path], en=en, name=typed or None)


def open_workspace(
    workspaces: Workspaces,
    *,
    text: str = "",
    name: str = "",
    source: Upload | None = None,
    translation: Upload | None = None,
    recipe_files: Sequence[Upload] = (),
    terms: Upload | None = None,
    progress: Progress,
) -> dict[str, Any]:
    """Open what the page sent: read and align it, find its terms (or take the curated
    list sent with it); what the page shows of it, with the workspace's key."""
    from flashgen.pipeline import check_inputs, deck_name, titles, vocabulary

    key, folder = workspaces.new_folder()
    try:
        recipe = _recipe_for(
            folder / "texts", text=text, name=name, source=source,
            translation=translation, recipe_files=recipe_files,
        )
        curated = None
        if terms is not None:
            curated = folder / "loaded.tsv"
            curated.write_bytes(terms.data)
        with _PIPELINE:
            check_inputs(recipe, curated)
            corpus = read_corpus(recipe.sources, progress=progress)
            found = vocabulary(recipe, corpus, curated=curated, progress=progress)
    except InputError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError(plain_message(error, folder)) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    workspaces.add(Workspace(key, folder, recipe, corpus))
    return {
        "workspace": key,
        "deck": deck_name(recipe, titles(corpus)),
        "cards": list(recipe.cards.kinds),
        "translated": corpus.has_translation,
        "pairs": [
            {"zh": p.zh, "en": p.en, "paragraph": p.paragraph, "source": p.source,
             "byline": p.byline}
            for p in corpus.aligned
        ],
        "terms": [term_row(t) for t in found],
    }


def term_row(t: AnnotatedTerm) -> dict[str, str]:
    """A term as a row of ``flashgen terms --format tsv``, with its example for the page."""
    example = t.term.example
    return {
        **{column: str(value) for column, value in list_row(t).items()},
        "example_zh": example.zh if example else "",
        "example_en": example.en if example else "",
    }


def curated_tsv(rows: object) -> str:
    """The curated list as TSV text, from the rows the page sent (the ticked terms, in
    order, with the teacher's pinyin and gloss)."""
    if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
        raise InputError("the page sent a term list that is not a list of rows: reload it")
    kept = [r for r in rows if tsv_cell(r.get("term", ""))]
    if not kept:
        raise InputError("no term is ticked: tick at least one term to build a deck")
    # Quoted as a spreadsheet quotes (only a cell holding a quote is), so that a gloss
    # written "like this" reads back as written.
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(TSV_COLUMNS)
    writer.writerows([tsv_cell(row.get(c, "")) for c in TSV_COLUMNS] for row in kept)
    return out.getvalue()


@contextmanager
def _curated(workspace: Workspace, rows: object) -> Iterator[Path]:
    """The rows as a TSV file in a folder of the workspace's own, removed afterwards."""
    text = curated_tsv(rows)
    with tempfile.TemporaryDirectory(dir=workspace.folder) as work:
        path = Path(work) / "terms.tsv"
        path.write_text(text, encoding="utf-8")
        try:
            yield path
        except InputError as error:
            raise InputError(plain_message(error, workspace.folder)) from None


def _with_cards(recipe: Recipe, cards: object) -> Recipe:
    """The recipe with the card kinds the page ticked (None: the recipe's own)."""
    from flashgen.study.recipe import override

    if cards is None:
        return recipe
    if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
        raise InputError("the page sent card kinds that are not a list of names: reload it")
    if not cards:
        raise InputError("every card kind is unticked: tick at least one")
    return override(recipe, cards=cards)


def download(
    workspace: Workspace,
    rows: object,
    kind: str,
    *,
    cards: object = None,
    timestamp: float | None = None,
    progress: Progress,
) -> tuple[str, bytes]:
    """The file name and bytes of one download: the curated list itself (``tsv``), or the
    deck or export ``flashgen build --terms LIST.tsv`` writes of it."""
    from flashgen.pipeline import build, deck_name, titles

    recipe = _with_cards(workspace.recipe, cards)
    stem = safe_name(deck_name(recipe, titles(workspace.corpus)), "deck")
    if kind == "tsv":
        return f"{stem}.tsv", curated_tsv(rows).encode("utf-8")
    if kind not in DOWNLOADS:
        raise InputError(f"no download {kind!r}: choose one of tsv, {', '.join(DOWNLOADS)}")
    with _curated(workspace, rows) as tsv:
        out = tsv.parent / f"{stem}{DOWNLOADS[kind]}"
        with _PIPELINE:
            build(recipe, out, curated=tsv, timestamp=timestamp, progress=progress)
        return out.name, out.read_bytes()


def preview(
    workspace: Workspace, rows: object, term: str, *, cards: object = None, progress: Progress
) -> dict[str, Any]:
    """Every card of ``term``'s note and of its example sentence's note, as the deck the
    curated list builds has them (built as a download is, without sound)."""
    from flashgen.pipeline import build
    from flashgen.serve.preview import package_notes, previews, term_notes
    from flashgen.study.recipe import override

    recipe = override(_with_cards(workspace.recipe, cards), audio=False)
    with _curated(workspace, rows) as tsv:
        deck = tsv.parent / "preview.apkg"
        with _PIPELINE:
            build(recipe, deck, curated=tsv, progress=progress)
        notes = term_notes(package_notes(deck), term)
    if not notes:
        raise InputError(f"{term!r} is not ticked: tick it to preview its cards")
    return {"term": term, "cards": previews(notes)}


def explain(workspace: Workspace, term: str) -> list[str]:
    """Why ``term`` ranked where it did, as ``flashgen terms --explain TERM`` says it."""
    from flashgen.pipeline import explain_term

    with _PIPELINE:
        return explain_term(workspace.recipe, workspace.corpus, term.strip())


#: Runners-up the page offers at a time, below the terms the list has.
MORE_TERMS = 20


def runners_up(
    workspace: Workspace, listed: object, *, progress: Progress
) -> list[dict[str, str]]:
    """The next :data:`MORE_TERMS` terms the filters keep, best first, that the list does
    not have: the build's own vocabulary with room for more, less what is listed."""
    from flashgen.pipeline import vocabulary
    from flashgen.study.recipe import override

    if not isinstance(listed, list) or not all(isinstance(t, str) for t in listed):
        raise InputError("the page sent a term list that is not a list of terms: reload it")
    # The best len(listed) + MORE_TERMS hold at least MORE_TERMS that are not listed.
    wider = override(workspace.recipe, max_terms=len(listed) + MORE_TERMS, order="rank")
    with _PIPELINE:
        found = vocabulary(wider, workspace.corpus, progress=progress)
    have = set(listed)
    return [term_row(t) for t in found if t.term.text not in have][:MORE_TERMS]


def added_term(workspace: Workspace, text: str) -> dict[str, str]:
    """The row of a term the teacher selected in the text, annotated as a curated list's
    new term is (:func:`flashgen.study.curation.apply_curation`)."""
    from flashgen.lexicon.script import is_han_char
    from flashgen.pipeline import annotate
    from flashgen.study.curation import term_in

    text = text.strip()
    if not any(is_han_char(char) for char in text):
        raise InputError(f"{text[:20]!r} has no Chinese character: select a Chinese word "
                         "in the text")
    if len(text) > 20:
        raise InputError(f"{text[:20]}... is {len(text)} characters long: select a word or "
                         "a term, not a sentence")
    pairs = workspace.corpus.pairs
    with _PIPELINE:
        return term_row(annotate(term_in(text, pairs), workspace.corpus.containing(text)))
