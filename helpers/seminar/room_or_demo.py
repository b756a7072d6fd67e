"""What the seminar views share: the room's files counted apart from a labelled demonstration.

The ACH agreement view and the room's forecasts view each show either the participants read
from the room's files or the samples shipped for rehearsal, never the two mixed (a view once
said "the 7 participants" after four uploads). The switch, its option labels, the line
saying which set is shown and the upload (files read, checked and added, problems explained
in the view) live here once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets
from tornado.ioloop import PeriodicCallback

from helpers import markup
from helpers.data import Problem
from helpers.data.participant_files import (
    MAX_BYTES,
    ROUNDS,
    parse_uploads,
    participant_key,
    skipped_note,
)
from helpers.data.room_store import RoomStore

ROOM, SAMPLES = "room", "samples"
ROOM_ENV = "BRIEFING_ROOM"  # the room's folder, set by the lecturer for notebook 06
POLL_MS = 5000  # the chair's view reads the room every five seconds while it fills


def room_folder() -> str | None:
    """The room the chair's views read (``BRIEFING_ROOM``, the folder ``make room`` uses),
    or None: the views then show the room's files or the demonstration."""
    return os.environ.get(ROOM_ENV) or None


def plural(n: int, word: str = "participant") -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _names(names: list[str]) -> markup.Markup:
    """Names in a sentence, each isolated (``<bdi>``): a name in a right-to-left script
    cannot reorder the names and words around it."""
    return markup.join([markup.html("<bdi>{}</bdi>", n) for n in names], ", ")


class RoomOrDemonstration:
    """Mixin for a view with ``room`` and ``samples`` dicts, a ``label`` HTML widget and a
    ``_show()`` method; ``_room_controls`` makes its upload button, ``showing`` toggle and
    ``message`` line, and ``_parse`` reads one participant's file (a data-layer parser)."""

    handed_in = "ratings"  # what a participant hands in, for "replacing earlier ..."

    def _parse(self, raw: bytes, label: str, name: str) -> tuple[dict, list[Problem]]:
        raise NotImplementedError

    def _room_controls(self, css: str, upload: str, upload_tip: str, demo_tip: str) -> None:
        """The upload button (``upload`` its label, ``upload_tip`` the file shapes it takes),
        the room-or-demonstration toggle (``demo_tip`` says what the samples are) and the
        message line where an upload's result or problems are said."""
        self.upload = widgets.FileUpload(
            accept=".csv",
            multiple=True,
            description=upload,
            tooltip=upload_tip,
            layout=widgets.Layout(width="auto"),
        )
        self.upload.add_class(f"{css}-upload")
        # The live pages refuse a larger file before sending it (live_page.js): a file
        # over about 10 MB would be dropped with the connection, and the room with it.
        self.upload.add_class(f"briefing-upload-limit-{MAX_BYTES}")
        self.upload.observe(self._on_upload, names="value")
        self.showing = widgets.ToggleButtons(
            options=self._showing_options(),
            value=ROOM if self.room or not self.samples else SAMPLES,
            description="Show:",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=["Only the files the room handed in", demo_tip],
        )
        self.showing.add_class(f"{css}-showing")
        self._syncing = False
        self.showing.observe(lambda _: None if self._syncing else self._show(), names="value")
        self.message = widgets.HTML()
        self.message.add_class(f"{css}-message")

    # --- A live room (``make room``): read from its SQLite file, never mixed with files ---
    def _answers_in_round(self, round_no: int) -> dict:
        """The room's participants' answers in a round (a forecasts or a ratings view)."""
        raise NotImplementedError

    def _link_room(self, folder: str | Path) -> None:
        """Read the room in ``folder`` instead of files: a round picker, the room's state in
        one line, a button to read it now, and a read every POLL_MS while the view lives."""
        self.store = RoomStore(folder, read_only=True)
        status = self.store.status()
        latest = status.open_round or max(
            (r for r, n in status.answered.items() if n), default=ROUNDS[0]
        )
        self.round_pick = widgets.ToggleButtons(
            options=[(f"Round {r}", r) for r in ROUNDS],
            value=latest,
            description="Show:",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=["Before the discussion", "After the discussion"],
        )
        self.round_pick.observe(lambda _: self.read_room(), names="value")
        self.reread = widgets.Button(description="Read the room now", icon="refresh")
        self.reread.on_click(lambda _: self.read_room())
        self.room_line = widgets.HTML()
        self.room_line.add_class("room-live-line")
        self._seen: tuple | None = None
        self.poll = PeriodicCallback(self._poll, POLL_MS)
        self.poll.start()

    def room_controls(self) -> list[widgets.Widget]:
        return [widgets.HBox([self.round_pick, self.reread]), self.room_line]

    def _ways_in(
        self, live_room: str | Path | None, static_note: widgets.Widget | None
    ) -> list[widgets.Widget]:
        """How the room's answers come in, shown above the view: a live room's round picker
        and state; offline, ``static_note`` (the page was computed, nothing to upload); in a
        notebook, the upload and the room-or-demonstration toggle."""
        if live_room is not None:
            self._link_room(live_room)
            self.room = self._answers_in_round(self.round_pick.value)
            return [widgets.VBox(self.room_controls())]
        if static_note is not None:
            return [static_note]
        return [widgets.HBox([self.upload]), *([self.showing] if self.samples else [])]

    def _first_show(self) -> None:
        """Draw the view once built: from the live room, or from the files and samples."""
        if hasattr(self, "store"):
            self.read_room()
        else:
            self._show()

    def _poll(self) -> None:
        try:
            status = self.store.status()
        except Exception:  # the room's file is gone or locked: say so once, keep the view
            self.room_line.value = markup.html(
                '<p role="alert">The room cannot be read now ({}).</p>', self.store.path
            )
            return
        if (status.answered, status.open_round, status.revealed) != self._seen:
            self.read_room()

    def read_room(self) -> None:
        """Read the room's answers in the picked round and redraw the view."""
        status = self.store.status()
        self._seen = (status.answered, status.open_round, status.revealed)
        self.room = self._answers_in_round(self.round_pick.value)
        self.room_line.value = markup.html(
            '<p role="status"><b>The room {}</b>: {}; round {} shown; results {} participants.</p>',
            status.code,
            status.line(),
            self.round_pick.value,
            "revealed to" if status.revealed else "hidden from",
        )
        self._show()

    def say_skipped(self, read: Mapping) -> None:
        """Say which stray files a read of folders passed over (``Participants.skipped``)."""
        names = getattr(read, "skipped", ())
        if names:
            self.message.value = markup.html('<div role="status">{}</div>', skipped_note(names))

    def participants_shown(self) -> dict:
        """The participants shown and counted now: the room's, or the demonstration's."""
        return self.samples if self.showing.value == SAMPLES else self.room

    def _showing_options(self) -> list[tuple[str, str]]:
        room = f"The room ({plural(len(self.room))})" if self.room else "The room (no files yet)"
        return [(room, ROOM), (f"Demonstration ({plural(len(self.samples), 'sample')})", SAMPLES)]

    def _label_room_or_demo(self, demonstration: str, sample_word: str) -> bool:
        """Refresh the toggle's counts and say which set is shown; True for the demonstration.
        ``demonstration`` is a template with one slot for the count of samples."""
        options = self._showing_options()
        if self.samples and list(self.showing.options) != options:
            value, self._syncing = self.showing.value, True
            try:
                self.showing.options = options
                self.showing.value = value
            finally:
                self._syncing = False
        who = self.participants_shown()
        demo = self.showing.value == SAMPLES
        if demo:
            self.label.value = markup.html(demonstration, plural(len(who), sample_word))
        else:
            self.label.value = markup.html(
                "<p><b>The room</b>: {} {}.</p>",
                plural(len(who)),
                "answering on the participant page" if hasattr(self, "store")
                else "from the files handed in",
            )  # fmt: skip
        return demo

    def add_files(self, files: Mapping[str, bytes]) -> list[Problem]:
        """Add the room's participants in uploaded files; return the problems found.

        A file with any problem adds no one (half a file would score misleadingly); good
        files in the same upload are still added, and participants loaded before are kept.
        A participant uploaded again in a later upload replaces their earlier file; two
        files of one upload naming the same participant (in any case or spacing) is a
        problem, not a silent merge. The view then shows the room.
        """
        problems: list[Problem] = []
        skipped: list[str] = []
        added = parse_uploads(dict(files), self._parse, problems, skipped)
        earlier = {participant_key(n): n for n in self.room}
        replaced = [n for n in added if participant_key(n) in earlier]
        for name in replaced:
            del self.room[earlier[participant_key(name)]]
        self.room.update(added)
        notes = []
        if added:
            notes.append(
                markup.html(
                    "Added {}{}.",
                    _names(added),
                    markup.html(" (replacing earlier {} of {})", self.handed_in, _names(replaced))
                    if replaced
                    else "",
                )
            )
        if skipped:
            notes.append(markup.html("{}", skipped_note(skipped)))
        if problems:
            notes.append(
                markup.html(
                    "<b>Not added</b>: {} to fix in the file(s), then upload them again. The "
                    "participants already loaded ({}) are kept.{}",
                    plural(len(problems), "problem"),
                    len(self.room),
                    markup.problem_list(problems),
                )
            )
            self.message.value = markup.html(
                '<div role="alert" style="color:#8B2E00">{}</div>', markup.join(notes, " ")
            )
        else:
            self.message.value = markup.html('<div role="status">{}</div>', markup.join(notes, " "))
        if added:
            if self.showing.value != ROOM:
                self.showing.value = ROOM  # observed: redraws
            else:
                self._show()
        return problems

    def _on_upload(self, change: dict) -> None:
        uploaded = change["new"]
        if not uploaded:
            return
        files: dict[str, bytes] = {}
        for f in uploaded:
            name = f["name"]
            while name in files:  # the browser can send two files of one name
                name += " (again)"
            files[name] = bytes(f["content"])
        self.add_files(files)
        self.upload.value = ()  # ready for the next file, even one with the same name
