"""Every threshold of the risk rules, in one place (documented in docs/risk-rules.md)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RiskParams:
    # duplicate_claim: near-duplicates (other work type, same level) count within this many days
    near_duplicate_days: int = 365
    # shared_device: at least this many distinct trainees on one device within the window
    device_min_trainees: int = 15
    device_window_minutes: int = 60
    # impossible_travel: faster than this between consecutive check-ins, over at least this distance
    travel_max_kmh: float = 120.0
    travel_min_km: float = 2.0
    # pass_rate_outlier: binomial z-score against the rest of the city, on at least this many examinees
    pass_rate_min_examined: int = 30
    pass_rate_min_z: float = 3.0
    # claim_burst: one claimant organisation, at least this many claims within the window
    burst_min_claims: int = 30
    burst_window_minutes: int = 10
    # implausible_age: age at enrolment or claim outside [min_age, max_age]
    min_age: int = 16
    max_age: int = 70
    # evidence lists are capped so a finding stays readable
    evidence_limit: int = 200


DEFAULT_PARAMS = RiskParams()

# Equirectangular distance within Shanghai (30.7°N–31.9°N): kilometres per degree at 31.2°N.
# Error against haversine stays below 1 % across the city, and it needs only + - * and sqrt.
KM_PER_DEGREE_LON = 95.26
KM_PER_DEGREE_LAT = 110.57
SHANGHAI_OFFSET_SECONDS = 8 * 3600
