"""The entry editor: kind, day, tags, title, the kind's own fields, and a Markdown body.

Nothing typed is lost: while the editor is open its content is saved as a draft every few seconds
(``draft_interval``) and when it is closed unsaved; the app offers drafts back at the next start.
The screen returns the saved entry with ``dismiss(entry)``, or None when closed without saving.

A strategy is written next to the earlier lessons that share its tags (its ``metric`` counting as
one), under the body: a change of strategy is where a past mistake is most likely to be repeated.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shlex
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from growthlog.i18n import kind_label, t
from growthlog.keys import bindings
from growthlog.kinds import KINDS
from growthlog.models import Draft, Entry
from growthlog.screens.base import write
from growthlog.services.editing import EntryInputError, build_entry, split_tags
from growthlog.services.lessons import lesson_tags, lessons_beside
from growthlog.store.api import Store
from growthlog.screens.conflict import ask_about_conflict
from growthlog.services.conflicts import ENTRY_FIELDS, as_copy
from growthlog.store.errors import EditConflict, StoreError
from growthlog.textutil import find_tags
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.kind_form import KindForm
from growthlog.widgets.lessons_panel import LessonsPanel

BACK_TO_EDITING = object()
"""The person saving chose to go back to the editor: nothing was stored."""

# The kinds written beside earlier lessons, and how long typing must pause before they are looked up.
LESSON_KINDS = ("strategy",)
LESSONS_DELAY = 0.3


def body_template(kind: str) -> str:
    """The Markdown skeleton a new entry of ``kind`` starts from, in the interface language."""
    return t(f"template.{kind}")


class EditorScreen(Screen[Entry | None]):
    """Write a new entry or edit one."""

    CSS_PATH = "editor.tcss"
    KEY_SCOPE = "editor"
    BINDINGS = bindings(KEY_SCOPE)
    AUTO_FOCUS = "#title"

    def __init__(
        self,
        *,
        store: Store,
        today: dt.date,
        author: str,
        kind: str = "note",
        entry: Entry | None = None,
        draft: Draft | None = None,
        draft_interval: float = 5.0,
        editor_command: str | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.author = author
        self.original = entry
        self.draft_interval = draft_interval
        self.editor_command = editor_command
        if draft is not None:
            self.draft_key = draft.key
            data = dict(draft.data)
        elif entry is not None:
            self.draft_key = f"entry-{entry.id}"
            data = {
                "kind": entry.kind,
                "title": entry.title,
                "body": entry.body,
                "tags": " ".join(entry.tags),
                "day": entry.day.isoformat(),
                "fields": dict(entry.fields),
            }
        else:
            self.draft_key = f"new-{time.time_ns()}"
            data = {"kind": kind, "title": "", "body": body_template(kind), "tags": "", "day": today.isoformat(), "fields": {}}
        if initial:
            data.update(initial)
        self.kind = data["kind"] if data.get("kind") in KINDS else "note"
        self._start = data
        self._from_draft = draft is not None
        self._saved_snapshot: dict[str, Any] | None = None
        self._last_draft: dict[str, Any] | None = None
        self._saving = False
        self._lessons_timer = None
        self._lessons_shown: list[str] | None = None

    # Layout
    def compose(self) -> ComposeResult:
        data = self._start
        heading = t("editor.edit_title", id=self.original.id) if self.original else t("editor.new_title")
        with Vertical(id="editor"):
            yield Static(heading, id="editor-heading", markup=False)
            with Horizontal(id="editor-top"):
                yield Select([(kind_label(k), k) for k in KINDS], value=self.kind, allow_blank=False, id="kind")
                yield Input(data.get("day", ""), id="day", placeholder=t("editor.day_placeholder"))
                yield Input(data.get("tags", ""), id="tags", placeholder=t("editor.tags_placeholder"))
            yield Input(data.get("title", ""), id="title", placeholder=t("editor.title_placeholder"))
            with Horizontal(id="editor-main"):
                with VerticalScroll(id="fields-pane", can_focus=False):
                    yield Label(t("editor.fields_heading"), id="fields-heading", markup=False)
                    yield KindForm(self.kind, data.get("fields"), id="kind-form")
                with Vertical(id="body-pane"):
                    yield Label(t("editor.body_heading"), id="body-heading", markup=False)
                    yield TextArea(data.get("body", ""), id="body", soft_wrap=True, show_line_numbers=False, tab_behavior="indent")
                    yield LessonsPanel(id="editor-lessons")
            yield Static("", id="editor-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        # What the form shows before any typing; a restored draft counts as unsaved from the start.
        if not self._from_draft:
            self._saved_snapshot = self._normalise(self.current_data())
        self._sync_fields_pane()
        self.set_interval(self.draft_interval, self.save_draft_now)

    def _sync_fields_pane(self) -> None:
        # Notes have no fields: give the body the whole width.
        self.query_one("#fields-pane").display = self.kind != "note"
        self.query_one(LessonsPanel).display = self.kind in LESSON_KINDS
        if self.kind in LESSON_KINDS:
            self._load_lessons()

    # Earlier lessons (strategies)
    def _lesson_tags(self) -> list[str]:
        tags = split_tags(self.query_one("#tags", Input).value) + find_tags(self.query_one("#title", Input).value)
        metric = self.query_one(KindForm).values().get("metric") or None
        return lesson_tags(tags, str(metric).strip() if metric else None)

    @on(Input.Changed, "#tags")
    @on(Input.Changed, "#title")
    @on(KindForm.Changed)
    def _lessons_input_changed(self) -> None:
        if self.kind not in LESSON_KINDS:
            return
        # Debounced: typing a tag is one lookup, not one per key.
        if self._lessons_timer is not None:
            self._lessons_timer.stop()
        self._lessons_timer = self.set_timer(LESSONS_DELAY, self._load_lessons)

    @work(group="lessons", exclusive=True)
    async def _load_lessons(self) -> None:
        if self.kind not in LESSON_KINDS:
            return
        wanted = self._lesson_tags()
        if wanted == self._lessons_shown:
            return
        lessons = []
        if wanted:
            exclude = (self.original.id,) if self.original and self.original.id is not None else ()
            try:
                lessons = await asyncio.to_thread(lessons_beside, self.store, wanted, exclude=exclude)
            except Exception:  # only a help beside the text: never in the way of writing
                return
        if self.is_mounted:
            self.query_one(LessonsPanel).show_lessons(lessons, has_tags=bool(wanted))
            self._lessons_shown = wanted

    # Values
    def current_data(self) -> dict[str, Any]:
        """Everything typed, as plain values (what a draft holds), and the links it was opened with."""
        data = {
            "kind": self.kind,
            "title": self.query_one("#title", Input).value,
            "body": self.query_one("#body", TextArea).text,
            "tags": self.query_one("#tags", Input).value,
            "day": self.query_one("#day", Input).value,
            "fields": self.query_one(KindForm).values(),
        }
        if self._start.get("links"):
            data["links"] = self._start["links"]
        return data

    @staticmethod
    def _normalise(data: dict[str, Any]) -> dict[str, Any]:
        fields = {k: ("" if v is None else v) for k, v in (data.get("fields") or {}).items()}
        return {**data, "fields": fields}

    @property
    def is_dirty(self) -> bool:
        """Whether there is anything a draft should keep."""
        return self._saved_snapshot is None or self._normalise(self.current_data()) != self._saved_snapshot

    def current_draft(self) -> Draft:
        return Draft(key=self.draft_key, entry_id=self.original.id if self.original else None, data=self.current_data())

    # Drafts
    def save_draft_now(self) -> None:
        """Keep the current content as a draft if it changed since the last one (off the UI thread)."""
        if self._saving or not self.is_mounted:
            return
        data = self.current_data()
        if data == self._last_draft or not self.is_dirty:
            return
        self._last_draft = data
        self._write_draft(Draft(key=self.draft_key, entry_id=self.original.id if self.original else None, data=data))

    @work(group="draft", exclusive=True)
    async def _write_draft(self, draft: Draft) -> None:
        await asyncio.to_thread(self.store.save_draft, draft)

    # Kind
    @on(Select.Changed, "#kind")
    async def kind_changed(self, event: Select.Changed) -> None:
        new_kind = str(event.value)
        if new_kind == self.kind:
            return
        old_form = self.query_one(KindForm)
        carried = old_form.values()
        body = self.query_one("#body", TextArea)
        if body.text.strip() in ("", body_template(self.kind).strip()):
            body.load_text(body_template(new_kind))
        self.kind = new_kind
        await old_form.remove()
        await self.query_one("#fields-pane").mount(KindForm(new_kind, carried, id="kind-form"))
        self._sync_fields_pane()

    def action_choose_kind(self) -> None:
        self.query_one("#kind", Select).focus()
        self.query_one("#kind", Select).action_show_overlay()

    # Save / close
    def action_save(self) -> None:
        status = self.query_one("#editor-status", Static)
        data = self.current_data()
        try:
            entry = build_entry(
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                tags_text=data["tags"],
                day_text=data["day"],
                fields=data["fields"],
                today=self.today,
                author=self.author,
                original=self.original,
                links=self._start.get("links"),
            )
        except EntryInputError as error:
            status.update(str(error))
            status.add_class("error")
            self.notify(str(error), severity="error", markup=False)
            self._focus_field(error.field)
            return
        status.remove_class("error")
        self._store_entry(entry)

    def _focus_field(self, field: str | None) -> None:
        if field in ("title", "day", "tags", "body"):
            self.query_one(f"#{field}").focus()
        elif field:
            self.query_one(KindForm).focus_field(field)

    @work(group="save", exclusive=True)
    async def _store_entry(self, entry: Entry) -> None:
        self._saving = True
        try:
            if entry.id is None:
                saved = await write(self, self.store.add_entry, entry)
            else:
                try:
                    saved = await write(self, self.store.update_entry, entry)
                except EditConflict as conflict:
                    saved = await self._settle(entry, conflict)
                    if saved is BACK_TO_EDITING:
                        self._saving = False
                        return
            await asyncio.to_thread(self.store.delete_draft, self.draft_key)
        except StoreError as error:  # the entry stays in the editor and in its draft
            self._saving = False
            self.save_draft_now()
            self.notify(t("editor.save_failed", error=str(error)), severity="error", markup=False)
            return
        self.dismiss(saved)

    async def _settle(self, mine: Entry, conflict: EditConflict):
        """Someone else saved or deleted this entry meanwhile: ask, then do what was chosen.
        Returns the entry to close with (None: nothing of mine stored), or BACK_TO_EDITING."""
        # Whatever happens next, what was typed is safe (autosave is paused while saving).
        await asyncio.to_thread(self.store.save_draft, self.current_draft())
        choice = await ask_about_conflict(self, "entry", mine, conflict, ENTRY_FIELDS)
        if choice is None:
            return BACK_TO_EDITING
        if conflict.kind == "gone":
            if choice == "theirs":
                self.notify(t("conflict.let_go"), markup=False)
                return None
            self.notify(t("conflict.restored"), markup=False)
            return await write(self, self.store.add_entry, as_copy(mine))
        if choice == "mine":
            self.notify(t("conflict.kept_mine"), markup=False)
            return await write(self, self.store.update_entry, mine, force=True)
        if choice == "both":
            self.notify(t("conflict.kept_both"), markup=False)
            return await write(self, self.store.add_entry, as_copy(mine))
        self.notify(t("conflict.took_theirs"), markup=False)
        return None

    async def action_close(self) -> None:
        """Close; unsaved content stays as a draft (said in a notification)."""
        if self.is_dirty:
            draft = self.current_draft()
            await asyncio.to_thread(self.store.save_draft, draft)
            self.notify(t("editor.kept_as_draft"), markup=False)
        else:
            await asyncio.to_thread(self.store.delete_draft, self.draft_key)
        self.dismiss(None)

    # $EDITOR
    def action_external_editor(self) -> None:
        body = self.query_one("#body", TextArea)
        command = self.editor_command or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.TemporaryDirectory(prefix="growthlog-") as folder:
            path = Path(folder) / "entry.md"
            path.write_text(body.text, encoding="utf-8")
            try:
                argv = [*shlex.split(command), str(path)]
            except ValueError:
                self.notify(t("editor.external_failed", error=command), severity="error", markup=False)
                return
            try:
                try:
                    with self.app.suspend():
                        result = subprocess.run(argv)
                except SuspendNotSupported:
                    # Headless (tests) or a driver that cannot hand over the terminal: run as is.
                    result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True)
            except OSError as error:
                self.notify(t("editor.external_failed", error=str(error)), severity="error", markup=False)
                return
            if result.returncode != 0:
                self.notify(t("editor.external_failed", error=f"exit {result.returncode}"), severity="error", markup=False)
                return
            body.load_text(path.read_text(encoding="utf-8"))
        self.save_draft_now()
