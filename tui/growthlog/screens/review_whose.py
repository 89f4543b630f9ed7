"""Whose review the Review mode shows — the team's or one member's — and the export of what it
shows. A part of :class:`~growthlog.screens.review.ReviewScreen` (a mixin: the screen holds the
state, this module the actions).

* ``w`` goes from the team's review to each member's in turn (those who wrote in the period or
  own one of its goals, the most entries first), then back to the team's. A member's review is
  computed by the services (:func:`~growthlog.services.views.review.fresh_reports`), always from
  the log as it is; the saved review, its numbers and the written part stay the team's, and
  saving saves the team's. The choice is kept when the period changes.
* ``x`` writes what is shown: the team's review with its written part (unsaved writing
  included), or the member's review without one (the written part is the team's).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual import work

from growthlog.i18n import t
from growthlog.services.review.team import next_member
from growthlog.services.review_text import default_file_name, render, write_file
from growthlog.services.review_writing import export_folder
from growthlog.services.views.review import fresh_reports
from growthlog.store.errors import StoreError
from growthlog.widgets.review_report import ReviewReportView

if TYPE_CHECKING:
    from growthlog.services.review.report import ReviewReport


class WhoseReview:
    """The member shown (None: the team) and their report; the export of the report shown."""

    member: str | None = None
    """Whose review is shown: a member's name, or None for the team's."""
    member_report: ReviewReport | None = None
    """The shown member's review of the shown period (None while it loads, or for the team)."""
    members: tuple[str, ...] = ()
    """Whose reviews there are to choose from in the shown period."""

    @property
    def shown_report(self) -> ReviewReport | None:
        """The report on screen: the member's when one is chosen, else the team's."""
        return self.member_report if self.member is not None else self.report

    def action_cycle_member(self) -> None:
        if self._not_ready():
            return
        if self.member is None and len(self.members) < 2:
            self.notify(t("reviewui.one_writer"), markup=False)
            return
        self.member = next_member(list(self.members), self.member)
        self.member_report = None
        if self.member is not None:
            self.query_one(ReviewReportView).show_note(t("reviewui.loading"))
            self._load_member()
        self._show_shown()

    @work(group="member", exclusive=True)
    async def _load_member(self) -> None:
        """The chosen member's review of the shown period, fresh from the log."""
        period, member = self.period, self.member
        if member is None:
            return
        try:
            _, report = await asyncio.to_thread(fresh_reports, self.store, period, self.today, member, team=False)
        except StoreError as error:
            self.notify(t("reviewui.load_failed", error=str(error)), severity="error", markup=False)
            return
        if (period, member) != (self.period, self.member):
            return
        self.member_report = report
        self._show_shown()

    # Export
    def action_export(self) -> None:
        if self._not_ready() or self.shown_report is None:
            return
        from growthlog.screens.choice import ChoiceScreen

        def chosen(fmt: str | None) -> None:
            if fmt:
                self._export(fmt)

        self.app.push_screen(
            ChoiceScreen(t("reviewui.export_question"), [(t("reviewui.export_md"), "md"), (t("reviewui.export_json"), "json")]),
            chosen,
        )

    @work(group="write")
    async def _export(self, fmt: str) -> None:
        """Writes what the screen shows, unsaved writing included."""
        report = self.shown_report
        if report is None:
            return
        try:
            review = self._review_now() if self.review is not None or any(self.written_texts().values()) else None
        except ValidationError:
            review = self.review
        path = export_folder(self.store.path) / default_file_name(report, fmt)
        try:
            text = render(report, review, fmt)
            await asyncio.to_thread(write_file, path, text)
        except OSError as error:
            self.notify(t("reviewui.export_failed", path=str(path), reason=error.strerror or str(error)),
                        severity="error", markup=False)
            return
        self.notify(t("reviewui.exported", path=str(path)), markup=False)
