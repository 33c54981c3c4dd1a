"""Pure Python shared by every module's engines (no Django): identifier checks, file reading limits."""
