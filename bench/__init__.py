"""Benchmarks, load tests and the synthetic corpus they run on; never imported by the apps."""
