"""Reference facts beyond labels: GCM objectives' full titles, Member States' details."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from systematise import yamlfile
from systematise.resources import schemas_dir
from systematise.schema.lang import Lang


@dataclass(frozen=True)
class GcmObjective:
    number: int
    title_es: str
    title_en: str
    short_es: str
    short_en: str
    verified: bool

    def title(self, lang: Lang) -> str:
        return self.title_es if lang == "es" else self.title_en

    def short(self, lang: Lang) -> str:
        return self.short_es if lang == "es" else self.short_en


@dataclass(frozen=True)
class MemberState:
    iso3: str
    iso2: str
    name_es: str
    name_en: str
    verified: bool
    notes: str

    def name(self, lang: Lang) -> str:
        return self.name_es if lang == "es" else self.name_en


@cache
def gcm_objectives() -> dict[int, GcmObjective]:
    path = schemas_dir() / "reference" / "gcm_objectives.yaml"
    data = yamlfile.safe_load(path.read_text(encoding="utf-8"))
    return {
        int(item["number"]): GcmObjective(
            number=int(item["number"]),
            title_es=item["title_es"],
            title_en=item["title_en"],
            short_es=item["short_es"],
            short_en=item["short_en"],
            verified=bool(item.get("verified", False)),
        )
        for item in data["objectives"]
    }


@cache
def member_states() -> dict[str, MemberState]:
    path = schemas_dir() / "reference" / "sela_member_states.yaml"
    data = yamlfile.safe_load(path.read_text(encoding="utf-8"))
    return {
        item["iso3"]: MemberState(
            iso3=item["iso3"],
            iso2=item["iso2"],
            name_es=item["name_es"],
            name_en=item["name_en"],
            verified=bool(item.get("verified", False)),
            notes=str(item.get("notes", "")).strip(),
        )
        for item in data["members"]
    }
