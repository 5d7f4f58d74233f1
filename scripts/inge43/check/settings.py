"""The build's settings that end up in links: the site address, `depot.url`, `signalement`.

They come from mkdocs.yml or the environment (INGE43_SITE_URL, INGE43_DEPOT_URL), not from
data/, but a merged setting is as hostile as a data field: it sits behind « Modifier cette
fiche », in the feed's links, on every page. Only absolute `https://` addresses with a host
pass (`http://` for the machine itself: localhost, 127.0.0.1, [::1], as `make serve` and the
tests use), and for `signalement` an e-mail address too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\^{}|]")
_EMAIL = re.compile(
    r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)

URL_EXPECTED = (
    "une adresse complète en https:// avec un nom de domaine (par exemple https://github.com/organisation/depot) ; "
    "http:// n'est accepté que pour la machine elle-même (localhost, 127.0.0.1, [::1])"
)


def url_problem(value: str) -> str | None:
    """Why `value` is not a safe absolute web address, in French; None when it is."""
    if _URL_UNSAFE.search(value):
        return "elle contient une espace, un guillemet ou un caractère interdit dans une adresse"
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return "elle n'est pas une adresse web lisible"
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        return (
            f"elle commence par « {parts.scheme or value[:12]}: » au lieu de https://"
            if scheme
            else "elle ne commence pas par https://"
        )
    if not value.lower().startswith(scheme + "://") or not host:
        return "il manque le nom de domaine après https://"
    if scheme == "http" and host not in LOOPBACK_HOSTS:
        return (
            "elle commence par http:// : seule une adresse en https:// est acceptée (sauf localhost, 127.0.0.1, [::1])"
        )
    return None


def setting_problems(site_url: str | None, depot_url: str | None, signalement: str | None) -> list[str]:
    """One French sentence per setting refused; empty settings are allowed (no link)."""
    problems = []
    for name, value, env in (
        ("site_url", site_url, "INGE43_SITE_URL"),
        ("depot.url", depot_url, "INGE43_DEPOT_URL"),
    ):
        if value and (why := url_problem(value)):
            problems.append(
                f"Le réglage {name} (mkdocs.yml, ou la variable {env}) vaut {value[:200]!r} : {why}.\n"
                f"  Attendu : {URL_EXPECTED}."
            )
    if signalement:
        value = signalement.strip()
        why = None if _EMAIL.match(value) else url_problem(value)
        if why:
            problems.append(
                f"Le réglage signalement (mkdocs.yml, plugin inge43) vaut {value[:200]!r} : {why}.\n"
                f"  Attendu : une adresse électronique (equipe@exemple.fr) ou {URL_EXPECTED}."
            )
    return problems
