"""Pure arithmetic of the service points: reach by straight-line distance × detour ÷ speed, and the planner's
grid. No Django here, not even indirectly (import-linter)."""
