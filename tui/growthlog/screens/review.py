"""Review: close a sprint, week, month, quarter or any period — read what the log says about it
(the generated part), write what you make of it (the written part), save, export, and turn the
next period's plan into goals without leaving.

What it keeps true:

* **A saved review keeps its numbers.** When the period has a saved review, the report shown is the
  one stored with it (as of ``generated``), not a fresh one: later edits to the log do not rewrite
  an old review. *Refresh numbers* recomputes them, after asking, and saves them at once.
* **Typing is never lost.** What is written and not saved is kept per period, in memory and as a
  draft in the database (``review:START..END``, written a moment after typing stops, when the
  period or the mode changes, and when the app ends); showing the period again brings it back.
* The store is read and written only in workers; the widgets are given plain data.
* Whose review is shown (the team's or one member's, ``w``) and the export are in
  :mod:`growthlog.screens.review_whose`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Label, Static, TextArea

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.messages import GoalRequested
from growthlog.models import Review
from growthlog.screens.base import ModeScreen, write
from growthlog.screens.conflict import settle_review_conflict
from growthlog.screens.review_drafts import UnsavedWriting
from growthlog.screens.review_whose import WhoseReview
from growthlog.services.periods import PERIOD_KINDS, Period, SprintRule, period_of
from growthlog.services.review.report import ReviewReport
from growthlog.services.review_people import whose_label
from growthlog.services.review_text import WRITTEN, written_title
from growthlog.services.review_writing import past_reviews, plan_item, plan_items, when
from growthlog.services.views.review import DRAFT_PREFIX, draft_key, fresh_reports, load_review
from growthlog.store.api import Store
from growthlog.store.errors import EditConflict, StoreError
from growthlog.textutil import clean_block
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.mode_bar import ModeBar
from growthlog.widgets.review_report import ReviewReportView

DRAFT_DELAY = 1.0
"""Seconds after the last keystroke before unsaved writing is kept as a draft."""
KINDS = (*PERIOD_KINDS, "custom")


class ReviewScreen(WhoseReview, ModeScreen):
    CSS_PATH = "review.tcss"
    KEY_SCOPE = "review"
    BINDINGS = bindings(KEY_SCOPE)
    AUTO_FOCUS = "#review-report"

    def __init__(self, *, store: Store, today: dt.date, sprint: SprintRule | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.sprint = sprint or SprintRule()
        self.period = period_of("sprint", today, self.sprint)
        self.report: ReviewReport | None = None
        self.review: Review | None = None
        """The period's saved review, as stored."""
        self.generated: dt.datetime | None = None
        """When :attr:`report` was computed."""
        self.frozen = False
        self.saved_texts: dict[str, str] = dict.fromkeys(WRITTEN, "")
        self.unsaved = UnsavedWriting(store)
        self._shown_key: str | None = None
        """The draft key of the period whose written part is in the text areas."""
        self._draft_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield ModeBar("review")
        with Horizontal(id="review-head"):
            yield Static(id="review-period")
            yield Static(id="review-kinds")
        yield Static(id="review-status")
        yield Static(id="review-numbers")
        with Horizontal(id="review-main"):
            yield ReviewReportView(id="review-report")
            with Vertical(id="review-written"):
                for field in WRITTEN:
                    yield Label(written_title(field), classes="written-title", markup=False)
                    yield TextArea(id=f"written-{field}", soft_wrap=True, highlight_cursor_line=False,
                                   placeholder=t(f"reviewui.placeholder.{field}"))
        yield KeyFooter()

    # The written part
    def _area(self, field: str) -> TextArea:
        return self.query_one(f"#written-{field}", TextArea)

    def written_texts(self) -> dict[str, str]:
        return {field: clean_block(self._area(field).text) for field in WRITTEN}

    @property
    def is_dirty(self) -> bool:
        return self._shown_key is not None and self.written_texts() != self.saved_texts

    def _draft_data(self) -> dict[str, Any]:
        return {"period_kind": self.period.kind, "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(), **self.written_texts()}

    @on(TextArea.Changed)
    def _written_changed(self) -> None:
        key = self._shown_key
        if key is None or key != draft_key(self.period):
            return
        self._note_writing(key)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)
        self._show_status()

    def keep_draft(self) -> None:
        """Write the shown period's unsaved writing as a draft now (or drop a draft no longer needed)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        key = self._shown_key
        if key is None:
            return
        self._note_writing(key)
        self._persist(key)

    def _note_writing(self, key: str) -> None:
        """Remember the shown period's writing under ``key`` if it differs from what is saved."""
        self.unsaved.note(key, self._draft_data() if self.is_dirty else None)

    @work(group="drafts")
    async def _persist(self, key: str) -> None:
        try:
            await self.unsaved.keep(key)
        except StoreError as error:  # the text is still on screen and in memory
            self.notify(t("reviewui.save_failed", error=str(error)), severity="error", markup=False)

    def on_screen_suspend(self) -> None:
        self.keep_draft()

    def on_unmount(self) -> None:
        # The app is ending: no worker will run any more, so what is not yet kept is written here.
        if self._shown_key is not None:
            try:
                self._note_writing(self._shown_key)
            except Exception:  # the text areas are already gone: what Changed noted stands
                pass
        try:
            self.unsaved.keep_all_now()
        except StoreError:  # nothing can be said any more: the screen is going away
            pass

    # Periods
    def show_period(self, period: Period) -> None:
        """Show ``period``: its saved review or a fresh report, and its written part (a kept
        draft first). The shown period's unsaved writing is kept first."""
        if self._shown_key is not None:
            self.keep_draft()
        self.period = period
        self.report = None
        self._shown_key = None
        self.query_one("#review-written").disabled = True
        self._show_head()
        self.query_one(ReviewReportView).show_note(t("reviewui.loading"))
        self.load()

    @work(group="load", exclusive=True)
    async def load(self) -> None:
        period, member = self.period, self.member
        try:
            loaded = await asyncio.to_thread(load_review, self.store, period, self.today, member)
        except StoreError as error:
            self.query_one(ReviewReportView).show_note(t("reviewui.load_failed", error=str(error)))
            self.notify(t("reviewui.load_failed", error=str(error)), severity="error", markup=False)
            return
        if (period, member) != (self.period, self.member):
            return
        key = draft_key(period)
        kept = self.unsaved.found(key, loaded.draft)
        self.review = loaded.review
        self.saved_texts = {field: getattr(loaded.review, field) if loaded.review else "" for field in WRITTEN}
        texts = kept or self.saved_texts
        for field in WRITTEN:
            self._area(field).load_text(texts.get(field) or "")
        self._shown_key = key
        self.members = loaded.members
        self._show_report(loaded.report, loaded.generated, loaded.frozen, loaded.member_report)
        self.query_one("#review-written").disabled = False

    def _show_report(self, report: ReviewReport, generated: dt.datetime, frozen: bool,
                     member_report: ReviewReport | None = None) -> None:
        self.report = report
        self.generated = generated
        self.frozen = frozen
        self.member_report = member_report
        self._show_shown()

    def _show_shown(self) -> None:
        """The report of whoever is chosen (the team's or a member's), and the head saying whose."""
        if self.shown_report is not None:
            self.query_one(ReviewReportView).show(self.shown_report)
        self._show_head()

    def reload(self) -> None:
        """First shown: the current period. After that, the data changed: a fresh report follows
        the log, a saved one keeps its numbers (the written part is never touched); a member's
        review always follows the log."""
        if self._shown_key is None and self.report is None:
            self.show_period(self.period)
        elif self.report is not None and not self.frozen:
            self._recompute(save=False, quiet=True)
        elif self.report is not None and self.member is not None:
            self._load_member()

    def _show_head(self) -> None:
        head = Text(self.period.label(), style="bold")
        whose = self.member or (whose_label(self.report) if self.report is not None else "")
        if whose:
            head.append("  · ", style="dim").append(whose, style="bold reverse" if self.member else "")
        self.query_one("#review-period", Static).update(head)
        kinds = Text()
        for kind in KINDS:
            kinds.append(f" {t(f'reviewui.kind.{kind}')} ", style="bold reverse" if kind == self.period.kind else "dim")
        self.query_one("#review-kinds", Static).update(kinds)
        self._show_status()

    def _show_status(self) -> None:
        status = Text()
        if self.review is not None:
            status.append(t("reviewui.saved", when=when(self.review.updated)), style="green")
        else:
            status.append(t("reviewui.not_saved"), style="yellow")
        if self.is_dirty:
            status.append(" · " + t("reviewui.unsaved"), style="bold yellow")
        self.query_one("#review-status", Static).update(status)
        numbers = ""
        if self.member is not None:
            numbers = t("reviewui.numbers_member", name=self.member)
        elif self.report is not None:
            numbers = t("reviewui.numbers_frozen", when=when(self.generated)) if self.frozen else t("reviewui.numbers_live")
            if len(self.members) > 1:
                numbers += " · " + t("reviewui.member_hint")
        self.query_one("#review-numbers", Static).update(Text(numbers))

    def action_step(self, steps: int) -> None:
        self.show_period(self.period.shifted(steps))

    def action_cycle_kind(self) -> None:
        kind = self.period.kind
        following = PERIOD_KINDS[(PERIOD_KINDS.index(kind) + 1) % len(PERIOD_KINDS)] if kind in PERIOD_KINDS else PERIOD_KINDS[0]
        day = self.today if self.period.contains(self.today) else self.period.start
        self.show_period(period_of(following, day, self.sprint))

    def action_custom_period(self) -> None:
        from growthlog.screens.review_period import ReviewPeriodScreen

        def chosen(period: Period | None) -> None:
            if period is not None:
                self.show_period(period)

        self.app.push_screen(ReviewPeriodScreen(today=self.today, sprint=self.sprint, current=self.period), chosen)

    def action_write(self) -> None:
        self._area(WRITTEN[0]).focus()

    def action_leave_text(self) -> None:
        self.query_one(ReviewReportView).focus()

    # Saving
    def _not_ready(self) -> bool:
        if self.report is None or self._shown_key is None:
            self.notify(t("reviewui.not_ready"), severity="warning", markup=False)
            return True
        return False

    def _review_now(self) -> Review:
        """The review as the screen shows it (raises ValidationError for text it cannot keep)."""
        assert self.report is not None
        return Review(
            id=self.review.id if self.review else None,
            period_kind=self.period.kind,
            start=self.period.start,
            end=self.period.end,
            **self.written_texts(),
            report=self.report.to_json_dict(),
            generated=self.generated or dt.datetime.now().replace(microsecond=0),
            **({"created": self.review.created, "uuid": self.review.uuid, "revision": self.review.revision,
                "author": self.review.author} if self.review else {}),
        )

    def action_save(self) -> None:
        if self._not_ready():
            return
        try:
            review = self._review_now()
        except ValidationError as error:
            self.notify(t("reviewui.save_failed", error=error.errors()[0]["msg"]), severity="error", markup=False)
            return
        self._save(review, self.period)

    @work(group="write")
    async def _save(self, review: Review, period: Period) -> None:
        try:
            try:
                saved = await write(self, self.store.save_review, review)
            except EditConflict as conflict:
                saved = await settle_review_conflict(self, self.store, review, conflict)
                if saved is None:
                    return
        except StoreError as error:
            self.notify(t("reviewui.save_failed", error=str(error)), severity="error", markup=False)
            return
        key = draft_key(period)
        written = {field: getattr(saved, field) for field in WRITTEN}
        if period == self.period:
            self.review = saved
            self.saved_texts = written
            self.frozen = True
        if period != self.period or self.written_texts() == written:
            self.unsaved.note(key, None)
            self._persist(key)
        self._show_status()
        self.notify(t("reviewui.saved_note"), markup=False)

    def action_refresh_numbers(self) -> None:
        if self._not_ready():
            return
        if self.review is None or not self.frozen:
            self._recompute(save=False)
            return
        from growthlog.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._recompute(save=True)

        self.app.push_screen(
            ConfirmScreen(t("reviewui.refresh_question", when=when(self.generated)), t("reviewui.refresh_detail"),
                          yes=t("reviewui.refresh_yes")),
            confirmed,
        )

    @work(group="load", exclusive=True)
    async def _recompute(self, save: bool, quiet: bool = False) -> None:
        """A fresh report of the shown period; with ``save``, stored with its saved review at once
        (the written part as saved: unsaved writing stays unsaved)."""
        period, review, member = self.period, self.review, self.member
        try:
            report, member_report = await asyncio.to_thread(fresh_reports, self.store, period, self.today, member)
            generated = dt.datetime.now().replace(microsecond=0)
            if save and review is not None:
                review = await write(
                    self, self.store.save_review, review.model_copy(update={"report": report.to_json_dict(), "generated": generated})
                )
        except StoreError as error:
            self.notify(t("reviewui.load_failed", error=str(error)), severity="error", markup=False)
            return
        if (period, member) != (self.period, self.member):
            return
        if save:
            self.review = review
        self.members = tuple(report.member_names)
        self._show_report(report, generated, frozen=save, member_report=member_report)
        if not quiet:
            self.notify(t("reviewui.refreshed_saved" if save else "reviewui.refreshed"), markup=False)

    # Goals from the plan
    def action_goal_from_plan(self) -> None:
        plan = self._area("plan")
        if self.focused is plan:
            item = plan_item(plan.document.get_line(plan.cursor_location[0]))
            if item:
                self.new_goal(item)
                return
        items = plan_items(plan.text)
        if not items:
            self.notify(t("reviewui.plan_empty", plan=written_title("plan")), severity="warning", markup=False)
            return
        if len(items) == 1:
            self.new_goal(items[0])
            return
        from growthlog.screens.choice import ChoiceScreen

        def chosen(index: str | None) -> None:
            if index is not None:
                self.new_goal(items[int(index)])

        self.app.push_screen(ChoiceScreen(t("reviewui.plan_choose"), [(item, str(i)) for i, item in enumerate(items)]), chosen)

    def new_goal(self, title: str) -> None:
        """Ask the app for its goal editor with ``title`` and the next period's end as the due day
        filled in; the goal is stored the way every new goal is."""
        self.post_message(GoalRequested(title, self.period.shifted(1).end))

    # Past reviews
    def action_past_reviews(self) -> None:
        self.keep_draft()
        self.open_past_reviews()

    @work(group="modal")
    async def open_past_reviews(self) -> None:
        from growthlog.screens.review_list import ReviewListScreen

        reviews, drafts = await asyncio.gather(
            asyncio.to_thread(self.store.list_reviews), asyncio.to_thread(self.store.list_drafts)
        )
        unsaved = {draft.key: draft.data for draft in drafts if draft.key.startswith(DRAFT_PREFIX)}
        unsaved.update(self.unsaved.typed)
        items = past_reviews(reviews, unsaved, self.sprint)

        def chosen(period: Period | None) -> None:
            if period is not None:
                self.show_period(period)

        self.app.push_screen(ReviewListScreen(items), chosen)
