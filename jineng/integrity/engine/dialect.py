"""The few expressions that differ between SQLite, PostgreSQL and DuckDB; every rule's SQL uses only these."""

from dataclasses import dataclass

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUCKDB = "duckdb"


@dataclass(frozen=True)
class Dialect:
    name: str

    def epoch(self, expr: str) -> str:
        """Seconds since 1970-01-01 UTC of a timestamp column (SQLite stores UTC text)."""
        if self.name == SQLITE:
            return f"((julianday({expr}) - 2440587.5) * 86400.0)"
        if self.name == POSTGRESQL:
            return f"date_part('epoch', {expr})"  # double precision; EXTRACT gives slower numeric since PG 14
        return f"EXTRACT(EPOCH FROM {expr})"

    def ymd(self, expr: str) -> str:
        """A date (or timestamp, at its UTC date) as the integer YYYYMMDD, so ages are one subtraction."""
        if self.name == SQLITE:
            return f"CAST(strftime('%Y%m%d', {expr}) AS INTEGER)"
        return (f"CAST(EXTRACT(YEAR FROM {expr}) * 10000 + EXTRACT(MONTH FROM {expr}) * 100"
                f" + EXTRACT(DAY FROM {expr}) AS INTEGER)")

    def to_date(self, expr: str) -> str:
        if self.name == SQLITE:
            return f"date({expr})"
        return f"CAST({expr} AS DATE)"

    def years_before(self, expr: str, years: int) -> str:
        if self.name == SQLITE:
            return f"date({expr}, '-{int(years)} years')"
        return f"CAST({expr} - INTERVAL '{int(years)} years' AS DATE)"

    def year(self, expr: str) -> str:
        if self.name == SQLITE:
            return f"CAST(strftime('%Y', {expr}) AS INTEGER)"
        return f"CAST(EXTRACT(YEAR FROM {expr}) AS INTEGER)"


def dialect_for(vendor: str) -> Dialect:
    if vendor not in (SQLITE, POSTGRESQL, DUCKDB):
        raise ValueError(f"unsupported database: {vendor}")
    return Dialect(vendor)
