"""Write the shipped demonstration forecasters (helpers/data/forecasters/*.csv) from the data.

Not invented: the briefing's words read at the low and high ends of their ICD 203 ranges, and
the always-50% baseline (:func:`helpers.models.forecasts.sample_forecasters`). Run after
editing ``forecasts`` or ``estimative_scale``; ``tests/test_room_forecasts.py`` fails while
the files and the data disagree.

    .venv/bin/python tests/make_sample_forecasters.py
"""

from __future__ import annotations

from helpers.data.forecast_files import FORECASTERS_DIR, forecasts_csv
from helpers.models import forecasts


def main() -> None:
    data = forecasts.load_data()
    ids = forecasts.question_ids(data)
    FORECASTERS_DIR.mkdir(exist_ok=True)
    samples = forecasts.sample_forecasters(data)
    for stale in FORECASTERS_DIR.glob("*.csv"):
        if stale.stem not in samples:
            stale.unlink()
    for name, probs in samples.items():
        path = FORECASTERS_DIR / f"{name}.csv"
        path.write_text(forecasts_csv(probs, ids), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
