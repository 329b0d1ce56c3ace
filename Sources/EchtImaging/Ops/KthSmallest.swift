extension Array where Element == Float {
    /// The `k`-th smallest value (from 0), the value `sorted()[k]` gives, found without sorting
    /// (quickselect): a median or percentile of many samples. The array is left reordered.
    public mutating func kthSmallest(_ k: Int) -> Float {
        precondition(indices.contains(k), "rank \(k) outside \(count) values")
        return withUnsafeMutableBufferPointer { v in
            var lo = 0, hi = v.count - 1
            while lo < hi {
                let a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi]
                let pivot = Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
                // Afterwards lo...j hold values ≤ pivot, i...hi values ≥ pivot, and anything
                // between the two equals the pivot.
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return pivot }
            }
            return v[k]
        }
    }
}
