"""Freshness rules: no date in the future; records verified more than a year ago are flagged."""

from __future__ import annotations

import datetime as dt

from ..registry import Context, rule
from .shared import (
    dated_records,
)

STALE_AFTER_DAYS = 365


@rule("date-future", "Aucune date de vérification ou de signature n'est dans le futur.")
def future_dates(ctx: Context) -> None:
    for record, subpath, date, _ in dated_records(ctx):
        if date > ctx.today:
            ctx.report(
                record,
                subpath,
                "Cette date est dans le futur.",
                expected=f"une date passée ou aujourd'hui ({ctx.today.isoformat()})",
                found=date.isoformat(),
                tip="Vérifiez l'année et l'ordre AAAA-MM-JJ.",
            )


@rule("fiche-ancienne", "Une fiche vérifiée il y a plus de 12 mois est signalée (avertissement).")
def stale_records(ctx: Context) -> None:
    for record, subpath, date, is_check in dated_records(ctx):
        if is_check and (ctx.today - date).days > STALE_AFTER_DAYS:
            ctx.warn(
                record,
                subpath,
                f"Fiche vérifiée il y a plus de 12 mois (le {date.isoformat()}).",
                expected=f"une vérification après le {(ctx.today - dt.timedelta(days=STALE_AFTER_DAYS)).isoformat()}",
                found=date.isoformat(),
                tip="Revérifiez les informations auprès des sources, puis mettez verifie_le à la date du jour.",
            )
