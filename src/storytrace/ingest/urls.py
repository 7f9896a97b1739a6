"""URL comparison keys: two spellings of the same page's address give the same key."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid"})
DEFAULT_PORTS = frozenset({80, 443})


def normalise_url(url: str) -> str:
    """A key for comparing URLs, not a URL to fetch.

    Ignores the scheme (http/https), letter case and "www." in the host, default ports, the
    fragment, a trailing slash, percent-encoding differences, tracking parameters and the order of
    the remaining query parameters.
    """
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    path = unquote(parts.path).rstrip("/") or "/"
    query = normalised_query(parts.query)
    return host_key(parts.netloc) + path + (f"?{query}" if query else "")


def host_key(netloc: str) -> str:
    host_and_port = netloc.rpartition("@")[2].lower()
    host, _, port = host_and_port.partition(":") if not host_and_port.startswith("[") else (host_and_port, "", "")
    host = host.removeprefix("www.").rstrip(".")
    return host if not port or (port.isdigit() and int(port) in DEFAULT_PORTS) else f"{host}:{port}"


def normalised_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = sorted((name, value) for name, value in pairs if not is_tracking_param(name))
    return urlencode(kept)


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)
