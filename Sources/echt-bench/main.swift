// Benchmarks for Echt; see BENCHMARKS.md.
print("echt-bench: no benchmarks yet")
