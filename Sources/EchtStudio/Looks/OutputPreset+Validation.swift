extension OutputPreset {
    /// The range each number of a size must lie in. Sizes larger than a headshot's pixels are
    /// allowed (that headshot skips them with a note); the eye line must leave room above and below
    /// the eyes, and the shape must stay a portrait, square or landscape crop of a headshot.
    static let ranges: [(field: String, value: @Sendable (OutputPreset) -> Double, range: ClosedRange<Double>)] = [
        ("width", { Double($0.width) }, 16...10_000),
        ("height", { Double($0.height) }, 16...10_000),
        ("eyeLine", { $0.eyeLine }, 0.2...0.6),
        ("width / height", { Double($0.width) / Double($0.height) }, 0.25...4),
    ]

    /// The most sizes one run makes for each headshot.
    public static let maxCount = 20

    /// A size name the studio's own files use (`<look>-cutout.png`).
    static let reservedNames: Set<String> = ["cutout"]

    /// Why this size cannot be used, in one clause naming the field, or nil when it can.
    public var problem: String? {
        if let problem = Look.fileNameProblem(name) { return problem }
        if Self.reservedNames.contains(name.lowercased()) {
            return "name \"\(name)\" is taken by the cut-out's file (<look>-\(name.lowercased()).png); choose another"
        }
        for (field, value, range) in Self.ranges where !range.contains(value(self)) {
            return "\(field) is \(Look.plain(value(self))) but must be from \(Look.plain(range.lowerBound)) to \(Look.plain(range.upperBound))"
        }
        return nil
    }

    /// Why `sizes` cannot be made together, naming the size (by its position from 1), or nil when
    /// they can: each size is valid, names differ (also in case, as some file systems ignore it),
    /// and there are at most `maxCount`.
    public static func problem(with sizes: [OutputPreset]) -> String? {
        if sizes.count > maxCount { return "it lists \(sizes.count) sizes; at most \(maxCount) are made per headshot" }
        var seen: [String: Int] = [:]
        for (index, size) in sizes.enumerated() {
            if let problem = size.problem { return "size \(index + 1): \(problem)" }
            if let first = seen[size.name.lowercased()] {
                return "sizes \(first + 1) and \(index + 1) are both named \"\(size.name)\", so one file would overwrite the other"
            }
            seen[size.name.lowercased()] = index
        }
        return nil
    }
}
