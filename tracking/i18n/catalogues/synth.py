"""Messages of the synthetic data command and the cache (issue 10)."""

DA = {
    "cli.synth_not_empty": "Databasen har allerede planer. Syntetiske data blandes ikke med rigtige uden --add (brug en tom database til belastningstest).",
    "cli.synth_done": "Syntetiske data, skala {scale}, skrevet på {seconds} s: {summary}.",
    "cli.rebuild_done.one": "Oversigtens tal genberegnet for {count} indikator på {seconds} s.",
    "cli.rebuild_done.other": "Oversigtens tal genberegnet for {count} indikatorer på {seconds} s.",
}

EN = {
    "cli.synth_not_empty": "The database already has plans. Synthetic data is not mixed with real data without --add (use an empty database for load tests).",
    "cli.synth_done": "Synthetic data, scale {scale}, written in {seconds} s: {summary}.",
    "cli.rebuild_done.one": "The overview's figures recomputed for {count} indicator in {seconds} s.",
    "cli.rebuild_done.other": "The overview's figures recomputed for {count} indicators in {seconds} s.",
}
