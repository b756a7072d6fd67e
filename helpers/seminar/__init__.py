"""The seminar's own views: the room's evidence ratings (ACH) and its forecasts, each
shown as the room's or, for rehearsal, as the shipped demonstration (``room_or_demo``).

They sit beside the explorers (they use the explorers' labels and sources line) and read
the participants' files through ``helpers.data``; the notebooks call ``gather_ratings``
and ``gather_forecasts``.
"""

from __future__ import annotations

from helpers.seminar.class_ratings import gather_ratings
from helpers.seminar.room_forecasts import gather_forecasts, score_cohorts
from helpers.seminar.room_or_demo import room_folder

__all__ = ["gather_forecasts", "gather_ratings", "room_folder", "score_cohorts"]
