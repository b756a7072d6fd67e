"""Write the shipped seminar samples from the data: the sample participants' ACH ratings
(helpers/data/participants/*.csv) and the demonstration forecasters
(helpers/data/forecasters/*.csv).

Not invented: the participants are the briefing's own ACH ratings (``ach_evidence``) and each
documented alternative reading (``ach_readings``), as
:func:`helpers.models.agreement.sample_participants` derives them; the forecasters are the
briefing's words read at the low and high ends of their ICD 203 ranges, and the always-50%
baseline (:func:`helpers.models.forecasts.sample_forecasters`). Run after editing any of
those datasets; ``tests/test_agreement.py`` and ``tests/test_room_forecasts.py`` fail while
the files and the data disagree.

    (cd tests && ../.venv/bin/python -m tools.make_samples)
"""

from __future__ import annotations

from pathlib import Path

from helpers.data.forecast_files import FORECASTERS_DIR, forecasts_csv
from helpers.data.ratings import PARTICIPANTS_DIR, ratings_csv
from helpers.models import agreement, forecasts


def write_samples(folder: Path, texts: dict[str, str]) -> None:
    """One CSV per sample in ``folder``; CSVs of samples no longer derived are removed."""
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*.csv"):
        if stale.stem not in texts:
            stale.unlink()
    for name, text in texts.items():
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


def main() -> None:
    ach = agreement.load_data()
    shape = agreement.matrix(ach)
    write_samples(
        PARTICIPANTS_DIR,
        {n: ratings_csv(r, shape) for n, r in agreement.sample_participants(ach).items()},
    )
    data = forecasts.load_data()
    ids = forecasts.question_ids(data)
    write_samples(
        FORECASTERS_DIR,
        {n: forecasts_csv(p, ids) for n, p in forecasts.sample_forecasters(data).items()},
    )


if __name__ == "__main__":
    main()
