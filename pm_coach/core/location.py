"""Splitting a free-text location ("Leeds, UK") into city, region and country code.

JSON Resume wants ``city``, ``region`` and an ISO 3166-1 ``countryCode``; the profile keeps one
line the user typed. The split is done only where the text allows it: the last comma-separated
part is a country when it is a known country name or code, a US state's two letters mean the
United States, and anything not recognised stays where it is (never guessed).
"""

from __future__ import annotations

# Country names and the codes people write, mapped to ISO 3166-1 alpha-2. Not every country:
# an unknown last part is kept as the region, which loses nothing.
_COUNTRIES = {
    "uk": "GB",
    "gb": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "us": "US",
    "usa": "US",
    "united states": "US",
    "united states of america": "US",
    "ireland": "IE",
    "canada": "CA",
    "australia": "AU",
    "new zealand": "NZ",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "spain": "ES",
    "portugal": "PT",
    "italy": "IT",
    "netherlands": "NL",
    "the netherlands": "NL",
    "belgium": "BE",
    "switzerland": "CH",
    "austria": "AT",
    "sweden": "SE",
    "norway": "NO",
    "denmark": "DK",
    "finland": "FI",
    "poland": "PL",
    "india": "IN",
    "singapore": "SG",
    "japan": "JP",
    "brazil": "BR",
    "mexico": "MX",
    "south africa": "ZA",
    "nigeria": "NG",
    "kenya": "KE",
    "israel": "IL",
    "uae": "AE",
    "united arab emirates": "AE",
}

_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)


def split_location(text: str) -> dict[str, str]:
    """``{"city", "region", "countryCode"}`` as far as ``text`` says them (missing keys left out).

    "Leeds, UK" → city Leeds, countryCode GB; "Austin, TX" → city Austin, region TX,
    countryCode US; "Leeds, West Yorkshire, UK" → all three; "Leeds" → city only.
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return {}
    out: dict[str, str] = {}
    country = _COUNTRIES.get(parts[-1].casefold()) if len(parts) > 1 else None
    if country is None and len(parts) > 1 and parts[-1] in _US_STATES:
        return {"city": ", ".join(parts[:-1]), "region": parts[-1], "countryCode": "US"}
    if country is not None:
        parts = parts[:-1]
    out["city"] = parts[0]
    if len(parts) > 1:
        out["region"] = ", ".join(parts[1:])
    if country is not None:
        out["countryCode"] = country
    return out
