"""What the seminar views share: the room's files counted apart from a labelled demonstration.

The ACH agreement view and the room's forecasts view each show either the participants read
from the room's files or the samples shipped for rehearsal, never the two mixed (a view once
said "the 7 participants" after four uploads). The switch, its option labels and the line
saying which set is shown live here once.
"""

from __future__ import annotations

from helpers import markup

ROOM, SAMPLES = "room", "samples"


def plural(n: int, word: str = "participant") -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class RoomOrDemonstration:
    """Mixin for a view with ``room`` and ``samples`` dicts, a ``showing`` toggle, a ``label``
    HTML widget and a ``_syncing`` flag."""

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
                "<p><b>The room</b>: {} from the files handed in.</p>", plural(len(who))
            )
        return demo
